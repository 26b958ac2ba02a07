import JSONValue
import Logs

/// One line of a scenario's script, with where it was written.
public struct ScenarioStep: Sendable {
    /// Zero-based position in `steps`; reports say "step 4" counting from 1.
    public var index: Int
    /// A free-text remark from the author, shown when the step fails.
    public var note: String?
    public var action: StepAction

    public init(index: Int, note: String? = nil, action: StepAction) {
        self.index = index
        self.note = note
        self.action = action
    }
}

/// What a step does. Expectations wait up to a budget of scenario time
/// (virtual unless the scenario runs in real time) for the condition to hold.
public enum StepAction: Sendable {
    case connect(ClientConnect)
    case send(client: String, payload: Payload)
    /// The next message of `client` not yet consumed that matches `pattern`
    /// (see `JSONPattern`); earlier non-matching messages are skipped.
    case expect(client: String, pattern: JSONValue, within: Duration)
    /// No message of `type` (nil: of any type) reaches `client` for `duration`.
    case expectNothing(client: String, type: String?, duration: Duration)
    /// The agent closes `client`'s connection; `code` nil accepts any code.
    case expectClosed(client: String, code: Int?, within: Duration)
    /// A close handshake started by the client with a status code and reason.
    case close(client: String, code: Int, reason: String)
    /// A close frame with an empty body: the agent sees 1005.
    case closeWithoutStatus(client: String)
    /// The TCP connection is dropped with no close frame: the agent sees 1006.
    case vanish(client: String)
    /// The client stops reading its socket (a frozen tab, a stalled phone):
    /// what the agent sends piles up in the network and then in its send queue.
    case stopReading(client: String)
    /// The client reads again, everything that waited first.
    case resumeReading(client: String)
    case advance(Duration)
    case fault(SimulatorFault)
    /// The 3002 backend goes down (refuses connections) or comes back up.
    case backend(up: Bool)
    /// The 3002 backend has received at least `count` requests matching
    /// `pattern`, applied to `{"method","path","headers","body"}`.
    case expectBackend(pattern: JSONValue, count: Int, within: Duration)
    case expectDrone(DroneExpectation, within: Duration)
    case expectLog(LogExpectation, within: Duration)
}

/// Opening a scripted client's WebSocket.
public struct ClientConnect: Sendable, Equatable {
    /// The name steps and transcripts use for this client.
    public var client: String
    public var path: String
    /// The browser's `Origin` header, if the client plays a web page.
    public var origin: String?
    /// Extra handshake headers, sent in name order.
    public var headers: [String: String]
    /// If set, the handshake must be refused with this HTTP status (e.g. 403 for a foreign origin).
    public var expectRefusal: Int?

    public init(
        client: String, path: String = "/", origin: String? = nil, headers: [String: String] = [:],
        expectRefusal: Int? = nil
    ) {
        self.client = client
        self.path = path
        self.origin = origin
        self.headers = headers
        self.expectRefusal = expectRefusal
    }
}

/// What a client sends in one WebSocket message.
public enum Payload: Sendable, Equatable {
    /// A text frame holding this value's JSON.
    case json(JSONValue)
    /// A text frame holding exactly this text (malformed JSON, say).
    case text(String)
    /// A text frame of `count` ASCII "x" bytes: an oversized message without a huge file.
    case filler(count: Int)
    case binary([UInt8])
    /// These bytes written to the TCP stream as they are, outside any frame:
    /// for protocol errors (an unmasked frame, a reserved opcode).
    case raw([UInt8])
}

/// Ground truth of the simulated drone; nil members are not checked.
public struct DroneExpectation: Sendable, Equatable {
    public var flying: Bool?
    public var motorsOn: Bool?
    public var heightCM: Double?
    /// x forward, y left, z up, from the take-off point; a nil axis is not checked.
    public var positionCM: (x: Double?, y: Double?, z: Double?)?
    public var yaw: Double?
    public var battery: Int?
    /// How far height, position and yaw may be from the expected values.
    public var toleranceCM: Double

    public init(
        flying: Bool? = nil, motorsOn: Bool? = nil, heightCM: Double? = nil,
        positionCM: (x: Double?, y: Double?, z: Double?)? = nil, yaw: Double? = nil, battery: Int? = nil,
        toleranceCM: Double = 5
    ) {
        self.flying = flying
        self.motorsOn = motorsOn
        self.heightCM = heightCM
        self.positionCM = positionCM
        self.yaw = yaw
        self.battery = battery
        self.toleranceCM = toleranceCM
    }

    public static func == (lhs: DroneExpectation, rhs: DroneExpectation) -> Bool {
        lhs.flying == rhs.flying && lhs.motorsOn == rhs.motorsOn && lhs.heightCM == rhs.heightCM
            && lhs.positionCM.map { [$0.x, $0.y, $0.z] } == rhs.positionCM.map { [$0.x, $0.y, $0.z] }
            && lhs.yaw == rhs.yaw && lhs.battery == rhs.battery && lhs.toleranceCM == rhs.toleranceCM
    }
}

/// A log line the agent must (or, with `absent`, must not) have written, or
/// with `count` exactly how many such lines it wrote.
public struct LogExpectation: Sendable, Equatable {
    /// Exact level, or nil for any.
    public var level: LogLevel?
    /// Component name (e.g. "agent"), or nil for any.
    public var component: String?
    /// Text every one of which must occur in the formatted line (message and fields).
    public var contains: [String]
    /// true: no such line may exist (e.g. no error was logged).
    public var absent: Bool
    /// Exactly this many such lines once the system is idle (an event logged
    /// once, not twice); nil: at least one.
    public var count: Int?

    public init(level: LogLevel? = nil, component: String? = nil, contains: [String], absent: Bool = false, count: Int? = nil) {
        self.level = level
        self.component = component
        self.contains = contains
        self.absent = absent
        self.count = count
    }

    /// Whether `record` is a line this expectation describes.
    public func matches(_ record: LogRecord) -> Bool {
        if let level, record.level != level { return false }
        if let component, record.component != component { return false }
        let line = record.formatted
        return contains.allSatisfy { line.contains($0) }
    }
}
