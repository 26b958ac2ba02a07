import FlightRecord
import JSONValue
import Lifetimes
import Logs
import Sockets
import Synchronization
import WebSocketCodec
import Wire

/// One connected client: its WebSocket, a logger bound to its address (so
/// every line about the session names the client), and its preferences. Sending never throws: a closed connection is an outcome the
/// caller logs once with the message type (the original agent's field failure was an
/// exception from exactly that send).
package final class AgentSession: Sendable, Hashable {
    package let id: UInt64
    package let connection: WebSocketConnection
    package var address: SocketAddress { connection.remoteAddress }
    /// Every line about this session carries `client=<address>`.
    let logger: Logger
    /// Where what the client is sent is recorded (`tello-agent --record`), if anywhere.
    let recorder: (any RecordSink)?
    /// Whether the session's close was recorded: a send that completes after it (a broadcast
    /// queued as the client left) is not recorded, so a recording never shows a message after a close.
    private let closeRecorded = Mutex(false)

    init(id: UInt64, connection: WebSocketConnection, logger: Logger, recorder: (any RecordSink)? = nil) {
        self.id = id
        self.connection = connection
        self.logger = logger
        self.recorder = recorder
    }

    /// The client's name in a recording: c1, c2, ... in order of opening.
    package var recordName: String { "c\(id)" }

    /// Sends one message; `.notSent` when the client is gone or going.
    @discardableResult
    package func send(_ message: JSONValue) async -> WebSocketSendOutcome {
        let text = message.text
        let outcome = await connection.send(text: text)
        if case .sent = outcome { recordOut(text) }
        return outcome
    }

    /// Sends a message rendered and framed once for every client (a broadcast).
    @discardableResult
    func send(_ prepared: WebSocketPreparedMessage) async -> WebSocketSendOutcome {
        let outcome = await connection.send(prepared)
        if case .sent = outcome { recordOut(prepared.text) }
        return outcome
    }

    private func recordOut(_ text: String) {
        guard let recorder else { return }
        closeRecorded.withLock { closed in
            if !closed { recorder.record(.wsOutText(client: recordName, text: text)) }
        }
    }

    /// Records how the connection ended; nothing sent to the client is recorded after it.
    func recordClose(_ info: WebSocketCloseInfo) {
        guard let recorder else { return }
        closeRecorded.withLock { closed in
            closed = true
            recorder.record(.wsClose(client: recordName, code: Int(info.reportedCode.rawValue), reason: info.reason,
                                     initiator: info.initiator == .remote ? "client" : "agent"))
        }
    }

    package static func == (lhs: AgentSession, rhs: AgentSession) -> Bool { lhs.id == rhs.id }
    package func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Every open session, and the only place sessions are added and removed:
/// `remove` reports whether it removed anything, so a session is removed,
/// and its departure logged, exactly once.
package actor SessionHub {
    private var sessions: [UInt64: AgentSession] = [:]
    private var statusOptOut: Set<UInt64> = []
    private var nextID: UInt64 = 0
    private var joining = 0
    /// Opened when the last session is removed (shutdown waits for it).
    private var emptied: Latch?
    package let limit: Int
    /// Where sessions record what they are sent and when they open (`tello-agent --record`).
    package let recorder: (any RecordSink)?

    /// `limit` caps open connections so a flood cannot exhaust descriptors.
    package init(limit: Int, recorder: (any RecordSink)? = nil) {
        self.limit = limit
        self.recorder = recorder
    }

    package var count: Int { sessions.count }

    /// Registers a new connection after queueing `greeting` to it, or nil
    /// when the hub is full. The greeting is queued before the session is
    /// visible to `broadcast`, so it is the client's first message (the
    /// original's clients check that) even when a broadcast runs meanwhile;
    /// `joining` keeps the place counted while it is queued.
    func add(_ connection: WebSocketConnection, greeting: JSONValue, logger: Logger,
             request: WebSocketUpgradeRequest? = nil) async -> (session: AgentSession, greeted: WebSocketSendOutcome)? {
        guard sessions.count + joining < limit else { return nil }
        nextID += 1
        let session = AgentSession(id: nextID, connection: connection, logger: logger, recorder: recorder)
        // Recorded before the greeting, so a recording shows the client open before its first message.
        recorder?.record(.wsOpen(client: session.recordName, address: "\(connection.remoteAddress)",
                                 path: request?.target ?? "/", origin: request?.origin))
        joining += 1
        let greeted = await session.send(greeting)
        joining -= 1
        sessions[session.id] = session
        return (session, greeted)
    }

    /// True the first time only.
    func remove(_ session: AgentSession) -> Bool {
        statusOptOut.remove(session.id)
        let removed = sessions.removeValue(forKey: session.id) != nil
        if isEmpty {
            emptied?.open()
            emptied = nil
        }
        return removed
    }

    /// Every session, in the order they joined, for shutdown.
    var all: [AgentSession] { joinOrder }

    /// Sessions in the order they joined (ids grow). Never a dictionary's own
    /// order: that changes from one run to the next (hashing is seeded per
    /// process), and so would the order clients are written to, and with it
    /// a replayed run's interleaving.
    private var joinOrder: [AgentSession] { sessions.keys.sorted().compactMap { sessions[$0] } }

    private var isEmpty: Bool { sessions.isEmpty && joining == 0 }

    /// Returns once no session is left (each one's end handled and logged),
    /// or when the calling task is cancelled.
    func untilEmpty() async {
        guard !isEmpty else { return }
        let latch = emptied ?? Latch()
        emptied = latch
        await latch.wait()
    }

    /// Clients can stop `drone_status` broadcasts for themselves.
    func setStatusUpdates(_ enabled: Bool, for session: AgentSession) {
        if enabled { statusOptOut.remove(session.id) } else { statusOptOut.insert(session.id) }
    }

    /// Sends `message` to every session but `excluded`; returns how many took it.
    @discardableResult
    package func broadcast(_ message: JSONValue, except excluded: AgentSession? = nil, statusOnly: Bool = false) async -> Int {
        await broadcast(WebSocketPreparedMessage(text: message.text), except: excluded, statusOnly: statusOnly)
    }

    /// Sends one rendered and framed message to every session but `excluded`:
    /// the same bytes to each (server frames are unmasked), so per client only
    /// a reference to them is queued for its connection; no task and no copy
    /// per client. A client that is gone is skipped (its own loop removes it).
    @discardableResult
    func broadcast(_ prepared: WebSocketPreparedMessage, except excluded: AgentSession? = nil, statusOnly: Bool = false) async -> Int {
        var delivered = 0
        for session in joinOrder where session != excluded && !(statusOnly && statusOptOut.contains(session.id)) {
            if case .sent = await session.send(prepared) { delivered += 1 }
        }
        return delivered
    }
}
