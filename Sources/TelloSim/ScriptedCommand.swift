import TelloSDK

/// What a recorded drone did with one command: the datagrams it sent back
/// after it, each with its delay from the command's arrival. No answer is a
/// loss; two are a duplicate; an answer that belonged to an earlier command
/// (a late reply) is simply listed under the command after which it came.
/// A first answer starting with `error` means the drone did not carry the
/// command out (as `forcedReplies`); otherwise the simulated drone carries it
/// out and its own replies to it are replaced by these.
public struct ScriptedCommand: Sendable, Equatable, Codable {
    /// The command's text (`forward 50`), compared word by word.
    public var command: String
    public var answers: [ScriptedAnswer]

    public init(command: String, answers: [ScriptedAnswer]) {
        self.command = command
        self.answers = answers
    }

    /// The drone refused it: the first answer is an error.
    public var refused: Bool { answers.first.map { TelloCommand.words($0.text).first == "error" } ?? false }

    /// The text as the script compares it: words joined by one space.
    static func key(_ text: String) -> String { TelloCommand.words(text).joined(separator: " ") }
}

/// One datagram of a scripted answer.
public struct ScriptedAnswer: Sendable, Equatable, Codable {
    public var text: String
    /// After the command arrived, simulated milliseconds.
    public var delayMilliseconds: Double

    public init(text: String, delayMilliseconds: Double) {
        self.text = text
        self.delayMilliseconds = delayMilliseconds
    }
}
