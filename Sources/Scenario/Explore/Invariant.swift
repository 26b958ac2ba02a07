import JSONValue
import Logs

/// A property every run must keep, whatever the workload and faults.
public enum Invariant: String, Sendable, CaseIterable, Comparable {
    /// The agent sends no move or turn to the drone more often than requests asked for it.
    case moveSentOnce = "move-sent-once"
    /// Every response names a request that was sent, of its type and action.
    case replyAttribution = "reply-attribution"
    /// Every request with an id is answered exactly once, or at most once if its client left.
    case answeredOnce = "answered-once"
    /// Every analysis reaches 3002 (under its one idempotency key), none twice under two keys.
    case analysisDelivered = "analysis-delivered"
    /// An emergency the agent reports as sent reached the drone within `emergencyBound`.
    case emergencyBound = "emergency-bound"
    /// Clean closes (1000, 1001, 1005) are logged at info, never as warnings or errors.
    case cleanCloseQuiet = "clean-close-quiet"
    /// Each session is logged connected once and removed exactly once.
    case sessionRemovedOnce = "session-removed-once"
    /// A client that stops reading for good is closed by the agent on its own
    /// (1008 once its send queue is full, or when its pongs stop) within `slowReaderDeadline`.
    case slowReaderClosed = "slow-reader-closed"
    /// Every queue of the agent stays within its bound at every reading (each
    /// client's send queue, the 3002 outbox, the commands waiting on the drone
    /// link), and log volume within a bound of the work done (no spinning loop).
    case bounded = "bounded"
    /// Every step could be carried out, the run kept making progress and shut down cleanly.
    case agentAlive = "agent-alive"

    public static func < (a: Invariant, b: Invariant) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One broken invariant, with what shows it.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public var invariant: Invariant
    public var detail: String

    public var description: String { "\(invariant.rawValue): \(detail)" }
}

/// Checks every invariant over one run's observation. The checks read the
/// whole record of the run (transcript, logs with scenario time, the 3002
/// mock's requests), so a property that must hold at every moment (an
/// emergency's delay, a move never repeated) is checked at every moment it
/// could have broken, not only at the end.
public enum InvariantCheck {
    /// Scenario time within which an emergency must reach the drone after the agent read it.
    public static let emergencyDeadline: Duration = .milliseconds(500)

    public static func violations(_ observation: Observation, of scenario: ScenarioFile) -> [Violation] {
        let run = RunFacts(observation, scenario: scenario)
        var found: [Violation] = []
        found += movesSentOnce(run)
        found += attribution(run)
        found += answeredOnce(run)
        found += analyses(run)
        found += emergencies(run)
        found += closesAndSessions(run)
        found += slowReaders(run)
        found += queuesBounded(run)
        found += alive(run)
        return found
    }
}

/// A request a client sent, as the transcript shows it.
struct SentRequest {
    var client: String
    var type: String
    /// The id's JSON text, nil without an id.
    var id: String?
    var action: String?
    var message: JSONValue
}

/// What the checks need, read once from an observation.
struct RunFacts {
    let observation: Observation
    /// What the scripted model may answer (its plans count as requested moves).
    var modelReplies: [String] = []
    var requests: [SentRequest] = []
    var received: [String: [JSONValue]] = [:]
    /// Clients whose connection ended before the run did (closed, vanished, closed by the agent, broken by the network).
    var ended: Set<String> = []
    /// Clients that stopped reading and never read again (they cannot have seen their answers),
    /// each with the scenario time of the pause (the advances before it).
    var stoppedReading: [String: Duration] = [:]
    /// The agent's name for each client's session (c1, c2, ... in the order the agent accepted them).
    var sessionNames: [String: String] = [:]

    init(_ observation: Observation, scenario: ScenarioFile) {
        self.observation = observation
        if let llm = scenario.setup.llm {
            for reply in llm.replies + [llm.then].compactMap({ $0 }) {
                if case .content(let text, _) = reply { modelReplies.append(text) }
            }
        }
        var elapsed: Duration = .zero
        for step in scenario.steps {
            switch step.action {
            case .advance(let duration): elapsed += duration
            case .stopReading(let client): stoppedReading[client] = elapsed
            case .resumeReading(let client): stoppedReading[client] = nil
            default: break
            }
        }
        for event in observation.transcript.events {
            if case .connected(let client, _, _) = event { sessionNames[client] = "c\(sessionNames.count + 1)" }
            switch event {
            case .sent(let client, .json(let message)):
                guard let type = message["type"]?.stringValue else { continue }
                requests.append(SentRequest(
                    client: client, type: type, id: message["id"].map(\.text), action: message["data"]?["action"]?.stringValue,
                    message: message))
            case .received(let client, let message):
                if let json = message.json { received[client, default: []].append(json) }
            case .clientClosed(let client, _, _), .vanished(let client), .agentClosed(let client, _, _):
                ended.insert(client)
            case .fault(let fault):
                if let client = fault.streamClient { ended.insert(client) }
            default:
                break
            }
        }
    }

    var log: [TimedRecord] { observation.log }

    func records(_ component: String, _ message: String) -> [TimedRecord] {
        log.filter { $0.record.component == component && $0.record.message == message }
    }

    /// The request with this id text, if exactly one was sent with it.
    func request(id: String) -> SentRequest? {
        let matching = requests.filter { $0.id == id }
        return matching.count == 1 ? matching[0] : nil
    }
}
