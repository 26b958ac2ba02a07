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

    /// Real drones end read replies with CR LF, and a reply read into a fixed buffer
    /// may carry NUL padding: both are trimmed before the shape is judged.
    public init(_ raw: String) {
        let text = raw.trimmingCharacters(in: Self.padding)
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

    static let padding = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0}"))

    /// `forced stop`: a real drone's answer to the move that `stop` cut short (tello-asyncio
    /// #13). It answers a command the link already gave up on (`stop` supersedes it), so it
    /// answers nothing in flight.
    var isForcedStop: Bool {
        guard case .value(let text) = self else { return false }
        return text.lowercased() == "forced stop"
    }

    /// `error Not joystick`: a real drone refusing a command because a motion is still running
    /// (DJITelloPy #201). The refused command was not carried out; the running motion's own
    /// reply is still to come.
    var isBusy: Bool {
        guard case .error(let text) = self else { return false }
        return text.lowercased() == "error not joystick"
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
        if isForcedStop { return false }
        if let probe = probeAnswered { return probe == command }
        switch self {
        case .error: return !command.isProbe
        case .ok: return !command.expectsValue
        case .value: return command.expectsValue && shape == command.answerShape
        }
    }
}
