import Clocks
import TelloSDK

/// A datagram the simulator wants sent to a client.
public struct Outgoing<Client: Hashable & Sendable>: Sendable, Equatable {
    public let text: String
    public let to: Client
}

/// What happened to one received datagram.
public enum Arrival: Sendable, Equatable {
    /// Lost on the way in (`commandLoss`).
    case lost
    /// Dropped because the link is down.
    case linkDown
    /// Answered with a forced reply; the drone did not act on it.
    case forced(String)
    /// Reached the drone, which did this with it.
    case handled(Disposition)
}

/// The drone plus everything between it and its clients: the fault plan,
/// reply routing to each command's sender, delayed and held-back replies.
/// Still pure: the UDP front feeds it datagrams and times, and sends what it returns.
public struct SimulatorCore<Client: Hashable & Sendable>: Sendable {
    public private(set) var model: DroneModel
    public var faults: FaultPlan
    /// Who sent `command` last: state and video go to this address.
    public private(set) var controller: Client?
    private var random: SeededRandom
    private var nextID: UInt64 = 0
    /// Sender of each command still waiting for its reply (oldest dropped beyond `maxPending`).
    private var senders: [UInt64: Client] = [:]
    private var held: [Outgoing<Client>] = []
    private var delayed: [(due: Duration, message: Outgoing<Client>)] = []

    /// Commands remembered for routing late replies; a client that sends more
    /// unanswered commands than this loses the oldest replies (bounded memory).
    static var maxPending: Int { 256 }

    public init(model: DroneModel, faults: FaultPlan = FaultPlan(), seed: UInt64) {
        self.model = model
        self.faults = faults
        self.random = SeededRandom(seed: seed)
    }

    /// One command datagram from `client` at `time`. Returns the arrival and
    /// what to send now: replies due before it, held-back replies, then its own.
    public mutating func receive(_ text: String, from client: Client, at time: Duration) -> (arrival: Arrival, send: [Outgoing<Client>]) {
        var send = advance(to: time)
        if faults.linkDown { return (.linkDown, send) }
        if random.chance(faults.commandLoss) { return (.lost, send) }
        send += held
        held.removeAll()
        nextID += 1
        let id = nextID
        if let forced = faults.forcedReply(for: text) {
            send += route([ModelReply(commandID: id, reply: TelloReply(text: forced))], to: client)
            return (.forced(forced), send)
        }
        senders[id] = client
        if senders.count > Self.maxPending, let oldest = senders.keys.min() { senders[oldest] = nil }
        let (replies, disposition) = model.receive(text, id: id, at: time)
        if (try? TelloCommand(parsing: text)) == .command { controller = client }
        send += route(replies)
        return (.handled(disposition), send)
    }

    /// Moves time on; returns replies that became due (motions ended, delays expired).
    public mutating func advance(to time: Duration) -> [Outgoing<Client>] {
        var send = route(model.advance(to: time))
        let due = delayed.filter { $0.due <= time }
        delayed.removeAll { $0.due <= time }
        send += due.map(\.message)
        return send
    }

    /// The earliest time something happens on its own, nil if nothing is pending.
    public var nextDeadline: Duration? {
        ([model.nextEvent] + delayed.map(\.due)).compactMap { $0 }.min()
    }

    /// Rolls for one state datagram: false when the link is down or it is lost.
    public mutating func stateGetsThrough() -> Bool {
        !faults.linkDown && !random.chance(faults.stateLoss)
    }

    /// Fault: set the battery (`drop` subtracts instead). Replies it causes are routed as usual.
    public mutating func setBattery(_ percent: Double, at time: Duration) -> [Outgoing<Client>] {
        route(model.setBattery(percent, at: time))
    }

    /// Fault: the motors stop in flight.
    public mutating func cutMotors(at time: Duration) -> [Outgoing<Client>] {
        route(model.cutMotors(at: time))
    }

    /// Sends model replies through the reply faults to each command's sender.
    private mutating func route(_ replies: [ModelReply], to fixed: Client? = nil) -> [Outgoing<Client>] {
        var now: [Outgoing<Client>] = []
        for reply in replies {
            guard let client = fixed ?? senders.removeValue(forKey: reply.commandID) else { continue }
            if faults.linkDown || random.chance(faults.replyLoss) { continue }
            let copies = random.chance(faults.duplicateReplies) ? 2 : 1
            for _ in 0..<copies {
                let message = Outgoing(text: reply.reply.text, to: client)
                if faults.lateReplies {
                    held.append(message)
                } else if faults.replyDelayMilliseconds > 0 {
                    delayed.append((model.now + .milliseconds(faults.replyDelayMilliseconds), message))
                } else {
                    now.append(message)
                }
            }
        }
        return now
    }
}
