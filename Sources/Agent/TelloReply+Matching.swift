import TelloSDK

/// Matching a reply datagram (TelloSDK's `TelloReply`, which classifies it)
/// to the command in flight. Its shape is all there is to match it with:
/// Tello replies carry no sequence number (docs/tello-sdk.md), so a reply can
/// only be told apart from a late one by order and by shape.
extension TelloReply {
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
        guard case .error(let detail?) = self else { return false }
        return detail.lowercased() == "not joystick"
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
    /// shape, or a refusal naming the probe (SDK 1.3 answers `sn?` with
    /// "unknown command: sn?").
    var probeAnswered: DroneCommand? {
        DroneCommand.probes.first { probe in
            switch self {
            case .ok, .outOfRange: false
            case .unknownCommand(let word): word.contains(probe.text)
            case .error(let detail): detail?.contains(probe.text) ?? false
            case .value: shape == probe.answerShape
            }
        }
    }

    /// Whether this reply can answer `command`: a probe takes only its own
    /// answer, other reads a number, everything else `ok`; refusals fit all
    /// but the probes, which a busy drone answers with a bare `error` that
    /// proves nothing.
    func fits(_ command: DroneCommand) -> Bool {
        if isForcedStop { return false }
        if let probe = probeAnswered { return probe == command }
        switch self {
        case .error, .outOfRange, .unknownCommand: return !command.isProbe
        case .ok: return !command.expectsValue
        case .value: return command.expectsValue && shape == command.answerShape
        }
    }

    /// `error Motor stop` or `error Auto land` (any case): the drone is on
    /// the ground whatever the agent believed.
    var saysLanded: Bool {
        guard case .error(let detail?) = self else { return false }
        return [TelloReply.motorStop, .autoLand].contains { known in
            if case .error(let knownDetail?) = known { knownDetail.lowercased() == detail.lowercased() } else { false }
        }
    }
}
