import Clocks
import TelloSDK

/// A datagram the simulator wants sent to a client.
public struct Outgoing<Client: Hashable & Sendable>: Sendable, Equatable {
    /// The text, or for a binary datagram its bytes in hex (for logs).
    public let text: String
    public let to: Client
    /// What goes on the wire: the text's UTF-8, or a binary datagram's bytes.
    public let bytes: [UInt8]

    init(text: String, to: Client) {
        self.text = text
        self.to = to
        self.bytes = Array(text.utf8)
    }

    init(binary: [UInt8], to: Client) {
        self.text = binary.map { String($0, radix: 16) }.joined(separator: " ")
        self.to = to
        self.bytes = binary
    }

    public var isBinary: Bool { bytes != Array(text.utf8) }
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
    /// SDK 3.0 retry tags of commands still running, and the last answers sent per tag.
    private var tags: [UInt64: RetryTag] = [:]
    /// How many tags are held as still running (for tests).
    var runningTags: Int { tags.count }
    private var tagAnswers: [(tag: RetryTag, text: String)] = []
    private var delayed: [(due: Duration, message: Outgoing<Client>)] = []
    /// Script entries used so far, per command text (`FaultPlan.script`).
    private var scriptUsed: [String: Int] = [:]

    /// Commands remembered for routing late replies; a client that sends more
    /// unanswered commands than this loses the oldest replies (bounded memory).
    static var maxPending: Int { 256 }
    /// Retry tags whose answers are kept for a repeat (a client retries its last few commands only).
    static var rememberedTags: Int { 32 }

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
        var text = text
        var tag: RetryTag?
        if model.parameters.model.speaksSDK3 {
            (tag, text) = RetryTag.split(text)
            if let tag, let repeated = repeatedTag(tag, from: client) { return (.handled(.replied), send + repeated) }
        }
        nextID += 1
        let id = nextID
        if let tag { tags[id] = tag }
        if let forced = faults.forcedReply(for: text) {
            send += route([ModelReply(commandID: id, reply: TelloReply(text: forced))], to: client)
            return (.forced(forced), send)
        }
        if let scripted = nextScripted(text) {
            for answer in scripted.answers {
                let message = Outgoing(text: answer.text, to: client)
                let due = time + .microseconds(Int64((answer.delayMilliseconds * 1000).rounded()))
                if due <= time { send.append(message) } else { delayed.append((due, message)) }
            }
            if scripted.refused { return (.forced(scripted.answers[0].text), send) }
            // Carried out, its sender unknown to `route`: the model's own replies are not sent.
            if (try? TelloCommand(parsing: text)) == .command { controller = client }
            return (.handled(model.receive(text, id: id, at: time).1), send)
        }
        senders[id] = client
        if senders.count > Self.maxPending, let oldest = senders.keys.min() { senders[oldest] = nil }
        let (replies, disposition) = model.receive(text, id: id, at: time)
        let entersSDKMode = (try? TelloCommand(parsing: text)) == .command
        if entersSDKMode { controller = client }
        // Real drones sometimes send binary packets (the 0xCC-framed protocol of the Tello app)
        // on the command port around `command`: one before its reply and one after.
        let junk = entersSDKMode && faults.junkDatagrams && !replies.isEmpty
        if junk { send.append(Outgoing(binary: Self.junkPacket, to: client)) }
        send += route(replies)
        if junk { send.append(Outgoing(binary: Self.junkPacket, to: client)) }
        return (.handled(disposition), send)
    }

    /// The script's next entry for `text`, if it has one left (and counts it used).
    private mutating func nextScripted(_ text: String) -> ScriptedCommand? {
        guard !faults.script.isEmpty else { return nil }
        let key = ScriptedCommand.key(text)
        let used = scriptUsed[key, default: 0]
        guard let entry = faults.script.lazy.filter({ ScriptedCommand.key($0.command) == key }).dropFirst(used).first else { return nil }
        scriptUsed[key] = used + 1
        return entry
    }

    /// Moves time on; returns replies that became due (motions ended, delays expired).
    public mutating func advance(to time: Duration) -> [Outgoing<Client>] {
        var send = route(model.advance(to: time))
        // In due order (a script's answers have delays of their own); equal dues keep their order.
        let due = delayed.enumerated().filter { $0.element.due <= time }
            .sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
        delayed.removeAll { $0.due <= time }
        send += due.map(\.element.message)
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

    /// The power button pressed on a drone that switched itself off (`DroneModel.switchOn`): a
    /// fresh boot forgets every client and every reply it still owed; state goes to whoever
    /// sends `command` next. Returns what became due on the way (nothing, from a drone that is off).
    public mutating func switchOn(at time: Duration) -> [Outgoing<Client>] {
        let send = advance(to: time)
        guard model.poweredOff else { return send }
        _ = model.switchOn(at: time)
        controller = nil
        senders.removeAll()
        held.removeAll()
        delayed.removeAll()
        tags.removeAll()
        tagAnswers.removeAll()
        return send
    }

    /// A datagram as the Tello app's binary protocol frames it: 0xCC, length, CRC8, then the
    /// packet (TelloPy's `protocol.py` and SMerrony/tello's `messages.go` both start packets with 0xCC).
    static var junkPacket: [UInt8] { [0xCC, 0x58, 0x00, 0x7C, 0x48, 0x1A, 0x00, 0x01, 0x00, 0x2F, 0x5B] }

    /// A tag seen before: not carried out again; its answer is sent again if there is one
    /// (SDK 3.0's retry tags make a repeat safe). Nil for a new tag.
    private mutating func repeatedTag(_ tag: RetryTag, from client: Client) -> [Outgoing<Client>]? {
        if let answer = tagAnswers.last(where: { $0.tag == tag }) { return [Outgoing(text: answer.text, to: client)] }
        return tags.values.contains(tag) ? [] : nil
    }

    /// Sends model replies through the reply faults to each command's sender.
    private mutating func route(_ replies: [ModelReply], to fixed: Client? = nil) -> [Outgoing<Client>] {
        var now: [Outgoing<Client>] = []
        for reply in replies {
            guard let client = fixed ?? senders.removeValue(forKey: reply.commandID) else { continue }
            var text = reply.wire
            if let tag = tags.removeValue(forKey: reply.commandID) {
                text = tag.tagging(text)
                tagAnswers.append((tag, text))
                if tagAnswers.count > Self.rememberedTags { tagAnswers.removeFirst() }
            }
            if faults.linkDown || random.chance(faults.replyLoss) { continue }
            let copies = random.chance(faults.duplicateReplies) ? 2 : 1
            for _ in 0..<copies {
                let message = Outgoing(text: text, to: client)
                if faults.lateReplies {
                    held.append(message)
                } else if faults.replyDelayMilliseconds > 0 {
                    delayed.append((model.now + .milliseconds(faults.replyDelayMilliseconds), message))
                } else {
                    now.append(message)
                }
            }
        }
        forgetUnanswerableTags()
        return now
    }

    /// Keeps only the tag of the motion still running: any other command will never
    /// be answered (stick input, a command dropped while busy, a move ended by `stop`),
    /// and its tag, held as running, would swallow the next command that reuses it.
    private mutating func forgetUnanswerableTags() {
        guard !tags.isEmpty else { return }
        let running = model.action?.commandID
        tags = tags.filter { $0.key == running }
    }
}
