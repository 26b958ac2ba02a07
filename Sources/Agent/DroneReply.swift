import Foundation

/// The shape of a reply datagram, which is all there is to match it with:
/// Tello replies carry no sequence number (docs/tello-sdk.md), so a reply can
/// only be told apart from a late one by order and by shape.
public enum DroneReply: Sendable, Equatable {
    /// `ok`: control and set commands succeeded.
    case ok
    /// `error`, `error Motor stop`, `out of range`, `unknown command: x`...
    case error(String)
    /// Anything else: the answer to a read command (`87`, `100.0`, `0s`, a serial number).
    case value(String)

    public init(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        if lower == "ok" {
            self = .ok
        } else if lower.hasPrefix("error") || lower.hasPrefix("out of range") || lower.hasPrefix("unknown command")
            || lower.isEmpty
        {
            self = .error(text)
        } else {
            self = .value(text)
        }
    }

    /// The text as the drone sent it (trimmed).
    public var text: String {
        switch self {
        case .ok: "ok"
        case .error(let text), .value(let text): text
        }
    }

    /// The shape of a value reply, nil for `ok`, errors and values no read the agent sends produces.
    var shape: DroneCommand.AnswerShape? {
        guard case .value(let text) = self else { return nil }
        if Double(text) != nil { return .number }
        for (suffix, shape) in [("mm", DroneCommand.AnswerShape.millimetres), ("dm", .decimetres), ("s", .seconds)]
        where text.hasSuffix(suffix) && Int(text.dropLast(suffix.count)) != nil {
            return shape
        }
        let serial = text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        return serial && text.unicodeScalars.contains { ("A"..."Z").contains($0) } ? .serial : nil
    }

    /// The probe this reply can only be the answer to: one of a probe's
    /// shape, or an error naming the probe (SDK 1.3 answers `sn?` with
    /// "unknown command: sn?").
    var probeAnswered: DroneCommand? {
        DroneCommand.probes.first { probe in
            switch self {
            case .ok: false
            case .error(let text): text.contains(probe.text)
            case .value: shape == probe.answerShape
            }
        }
    }

    /// Whether this reply can answer `command`: a probe takes only its own
    /// answer, other reads a number, everything else `ok`; errors fit all
    /// but the probes, which a busy drone answers with a bare `error` that
    /// proves nothing.
    func fits(_ command: DroneCommand) -> Bool {
        if let probe = probeAnswered { return probe == command }
        switch self {
        case .error: return !command.isProbe
        case .ok: return !command.expectsValue
        case .value: return command.expectsValue && shape == command.answerShape
        }
    }
}
