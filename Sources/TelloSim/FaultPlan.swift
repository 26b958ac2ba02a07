import TelloSDK

/// What goes wrong between the client and the simulated drone, changeable at run time.
///
/// Codable so the control endpoint can take it as JSON, e.g.
/// `{"commandLoss":0.5,"forcedReplies":{"takeoff":"error No valid imu"}}`;
/// missing keys keep their defaults (nothing goes wrong).
public struct FaultPlan: Sendable, Equatable, Codable {
    /// Probability that a command datagram is lost on its way to the drone.
    public var commandLoss: Double = 0
    /// Probability that a reply datagram is lost on its way back.
    public var replyLoss: Double = 0
    /// Probability that a state datagram is lost.
    public var stateLoss: Double = 0
    /// Every reply is sent this much later (simulated milliseconds).
    public var replyDelayMilliseconds: Int = 0
    /// Each reply is held back until the next command arrives, then sent right
    /// after it: the reply to command N reaches the client after N+1 was sent.
    public var lateReplies: Bool = false
    /// Probability that a reply is sent twice (real drones sometimes send `ok` twice).
    public var duplicateReplies: Double = 0
    /// Replies forced for a command, keyed by its full text (`forward 50`) or its
    /// first word (`takeoff`); the drone does not carry the command out.
    public var forcedReplies: [String: String] = [:]
    /// Nothing passes either way (commands, replies, state, video); the drone flies on.
    public var linkDown: Bool = false
    /// Probability that a video datagram is lost (a lossy Wi-Fi link: decoders show
    /// smeared or grey blocks until the next key frame).
    public var videoLoss: Double = 0
    /// Binary datagrams (0xCC...) on the command port around the reply to `command`, as real drones send.
    public var junkDatagrams: Bool = false
    /// A recorded drone's answers, replayed (see `ScriptedCommand`): the n-th time a command's
    /// text arrives, the n-th entry for that text says what the drone answers, and when.
    public var script: [ScriptedCommand] = []

    public init() {}

    /// The forced reply for `text`, if any: an exact match first, then the first word.
    public func forcedReply(for text: String) -> String? {
        let words = TelloCommand.words(text)
        if let exact = forcedReplies[words.joined(separator: " ")] { return exact }
        guard let word = words.first else { return nil }
        return forcedReplies[word]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FaultPlan()
        commandLoss = try container.decodeIfPresent(Double.self, forKey: .commandLoss) ?? defaults.commandLoss
        replyLoss = try container.decodeIfPresent(Double.self, forKey: .replyLoss) ?? defaults.replyLoss
        stateLoss = try container.decodeIfPresent(Double.self, forKey: .stateLoss) ?? defaults.stateLoss
        replyDelayMilliseconds = try container.decodeIfPresent(Int.self, forKey: .replyDelayMilliseconds) ?? 0
        lateReplies = try container.decodeIfPresent(Bool.self, forKey: .lateReplies) ?? false
        duplicateReplies = try container.decodeIfPresent(Double.self, forKey: .duplicateReplies) ?? 0
        forcedReplies = try container.decodeIfPresent([String: String].self, forKey: .forcedReplies) ?? [:]
        linkDown = try container.decodeIfPresent(Bool.self, forKey: .linkDown) ?? false
        videoLoss = try container.decodeIfPresent(Double.self, forKey: .videoLoss) ?? 0
        junkDatagrams = try container.decodeIfPresent(Bool.self, forKey: .junkDatagrams) ?? false
        script = try container.decodeIfPresent([ScriptedCommand].self, forKey: .script) ?? []
        try validate()
    }

    /// Probabilities must be within 0...1 and the delay not negative.
    public func validate() throws(FaultPlanError) {
        for (name, p) in [("commandLoss", commandLoss), ("replyLoss", replyLoss), ("stateLoss", stateLoss), ("duplicateReplies", duplicateReplies), ("videoLoss", videoLoss)]
        where !(0...1).contains(p) {
            throw FaultPlanError(message: "\(name) must be within 0...1, got \(p)")
        }
        guard replyDelayMilliseconds >= 0 else {
            throw FaultPlanError(message: "replyDelayMilliseconds must not be negative, got \(replyDelayMilliseconds)")
        }
        for entry in script {
            for answer in entry.answers where !(answer.delayMilliseconds >= 0 && answer.delayMilliseconds.isFinite) {
                throw FaultPlanError(message: "script: the delay of an answer to \(entry.command) must be a finite number >= 0, got \(answer.delayMilliseconds)")
            }
        }
    }
}

public struct FaultPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension FaultPlan: CustomStringConvertible {
    /// The faults in force, e.g. `commandLoss=0.5 lateReplies`, or `none`.
    public var description: String {
        var parts: [String] = []
        if commandLoss > 0 { parts.append("commandLoss=\(commandLoss)") }
        if replyLoss > 0 { parts.append("replyLoss=\(replyLoss)") }
        if stateLoss > 0 { parts.append("stateLoss=\(stateLoss)") }
        if replyDelayMilliseconds > 0 { parts.append("replyDelayMilliseconds=\(replyDelayMilliseconds)") }
        if lateReplies { parts.append("lateReplies") }
        if duplicateReplies > 0 { parts.append("duplicateReplies=\(duplicateReplies)") }
        for key in forcedReplies.keys.sorted() { parts.append("forced[\(key)]=\(forcedReplies[key]!)") }
        if linkDown { parts.append("linkDown") }
        if videoLoss > 0 { parts.append("videoLoss=\(videoLoss)") }
        if junkDatagrams { parts.append("junkDatagrams") }
        if !script.isEmpty { parts.append("script=\(script.count)") }
        return parts.isEmpty ? "none" : parts.joined(separator: " ")
    }
}
