import Clocks
import TelloSDK

/// `mon`/`moff`/`mdirection`, the state line's pad fields, and `go`/`curve`/`jump` relative to a pad.
///
/// When the pad a command names is not in view (detection off, or not under
/// the drone) the drone stays hovering and answers `error No valid marker` at
/// once: that text is captured in tello-asyncio issue #4 (`go 0 0 100 25 m1`
/// with pad 1 out of view), and the RoboMaster TT SDK 3.0 guide says of `go`,
/// `curve` and `jump` that if recognition fails the drone "will hover, return
/// 'Error. Not valid marker'". No public log gives the delay, so it is answered
/// without one (docs/world.md).
extension DroneModel {
    static let noValidMarker = TelloReply.error("No valid marker")

    /// The pad the drone sees now: detection on, downward camera in use, a pad in range.
    var padInView: MissionPad? {
        guard missionPadDetection, padDirection != .forward else { return nil }
        return world.padInView(from: pose.position)
    }

    /// The state line's `mid;x;y;z;mpry` for the drone as it is now.
    func missionPadState(pitch: Int, roll: Int) -> MissionPadState {
        guard missionPadDetection else { return .detectionOff }
        guard let pad = padInView else { return .notDetected }
        let frame = world.padFrame(pad)
        let offset = frame.bodyOffset(fromWorld: pose.position - frame.position)
        return MissionPadState(mid: pad.id, x: Int(offset.x.rounded()), y: Int(offset.y.rounded()), z: Int(offset.z.rounded()),
                               pitch: pitch, roll: roll, yaw: Int(Self.wrapDegrees(pose.yaw - pad.yaw).rounded()))
    }

    /// `go x y z speed mN`, `curve ... mN` and `jump`; nil when the command is none of these.
    mutating func performRelativeToPad(_ command: TelloCommand, id: UInt64) -> (TelloReply?, Disposition)? {
        switch command {
        case let .go(point, speed, .some(padID)):
            guard let pad = seen(padID) else { return (Self.noValidMarker, .replied) }
            var target = pose
            target.position = padPoint(pad, point)
            target.position.z = max(target.position.z, lowestHover(at: target.position))
            let distance = length(target.position - pose.position)
            return start(.go, id: id, path: .line(from: pose, to: target), duration: .seconds(distance / Double(speed)))
        case let .curve(via, to, speed, .some(padID)):
            guard let pad = seen(padID) else { return (Self.noValidMarker, .replied) }
            guard let arc = ArcPath(from: pose.position, via: padPoint(pad, via), to: padPoint(pad, to)),
                  TelloRanges.curveRadius.contains(arc.radius) else { return (.error(nil), .replied) }
            return start(.curve, id: id, path: .arc(arc, yaw: pose.yaw), duration: .seconds(arc.length / Double(speed)))
        case let .jump(point, speed, yaw, from, to):
            guard let pad = seen(from) else { return (Self.noValidMarker, .replied) }
            var target = pose
            target.position = padPoint(pad, point)
            target.position.z = max(target.position.z, lowestHover(at: target.position))
            let distance = length(target.position - pose.position)
            let reply = start(.jump, id: id, path: .line(from: pose, to: target), duration: .seconds(distance / Double(speed)))
            action?.then = .findPad(MissionPadTarget(pad: to.number, z: Double(point.z), yaw: Double(yaw), speed: Double(speed)))
            return reply
        default:
            return nil
        }
    }

    /// `jump`'s second leg, once the first has ended: find the second pad from here,
    /// fly over its centre at the jump's height and turn to the jump's yaw in its frame.
    /// Returns the reply if the jump ends here (pad not in view), nil if a leg started.
    mutating func continueJump(_ target: MissionPadTarget, id: UInt64?) -> TelloReply? {
        guard let pad = padInView, pad.id == target.pad else { return Self.noValidMarker }
        var end = pose
        end.position = padPoint(pad, Vector3(0, 0, 0)) + SIMD3(0, 0, target.z)
        end.position.z = max(end.position.z, lowestHover(at: end.position))
        // The nearest heading that reads `yaw` in the pad's frame.
        end.yaw = pose.yaw + Self.wrapDegrees(pad.yaw + target.yaw - pose.yaw)
        let flying = length(end.position - pose.position) / target.speed
        let turning = abs(end.yaw - pose.yaw) / parameters.yawRate
        _ = start(.jump, id: id, path: .line(from: pose, to: end), duration: .seconds(max(flying, turning)))
        return nil
    }

    /// Pad `id` if the drone sees it now.
    private func seen(_ id: MissionPadID) -> MissionPad? {
        guard let pad = padInView, pad.id == id.number else { return nil }
        return pad
    }

    /// A point given in a pad's frame, in the world frame.
    private func padPoint(_ pad: MissionPad, _ point: Vector3) -> SIMD3<Double> {
        let frame = world.padFrame(pad)
        return frame.position + frame.worldOffset(SIMD3(Double(point.x), Double(point.y), Double(point.z)))
    }
}
