import Foundation
import Clocks
import TelloSDK

extension DroneModel {
    /// Longest integration step: battery, temperature and rc motion are
    /// integrated in steps of at most this, so a check (critical battery) is
    /// never more than 100 ms late, as with the drone's own 10 Hz loop.
    static let maxStep: Duration = .milliseconds(100)

    /// Moves the model's time to `time` (never backwards) and returns the
    /// replies of motions that ended on the way, in order.
    public mutating func advance(to time: Duration) -> [ModelReply] {
        var replies = handleDueEvents()
        while now < time {
            var step = min(time, now + Self.maxStep)
            if let event = nextEvent, event > now { step = min(step, event) }
            integrate(to: step)
            replies += handleDueEvents()
        }
        return replies
    }

    /// Battery, temperature, motor time and position from `now` to `time`.
    private mutating func integrate(to time: Duration) {
        let dt = (time - now).seconds
        let target: Double
        if poweredOff {
            // Switched off: nothing drains the pack, and the drone cools down to its power-on temperature.
            target = parameters.startTemperature
        } else if motorsOn {
            battery -= parameters.flightDrain * dt
            motorTime += time - now
            target = parameters.flightTemperature
        } else {
            battery -= parameters.idleDrain * dt
            target = parameters.idleTemperature
        }
        battery = max(battery, 0)
        // Real drones overheat on the ground with the motors still (no airflow) and switch off.
        groundIdle = motorsOn ? .zero : groundIdle + (time - now)
        if let limit = parameters.thermalShutdownAfter, groundIdle >= limit, !poweredOff {
            poweredOff = true
            sdkMode = false
            streaming = false
        }
        temperature += (target - temperature) * (1 - exp(-dt / parameters.temperatureTimeConstant))
        if let action {
            pose = action.path.pose(at: action.progress(at: time))
        } else if flying, sticks != .centered {
            var next = pose.position + stickVelocity * dt
            next.z = max(next.z, lowestHover(at: next))
            if let contact = world.firstContact(from: pose.position, to: next) {
                next = pose.position + (next - pose.position) * contact.fraction
                // Pressed against the same thing step after step is one collision, not ten a second.
                if !touching { recordCollision(with: contact.with) }
                touching = true
            } else {
                touching = false
            }
            pose.position = next
            pose.yaw += Double(sticks.yaw) / 100 * parameters.yawRate * dt
        }
        now = time
    }

    /// World-frame velocity the sticks command, cm/s.
    var stickVelocity: SIMD3<Double> {
        let scale = parameters.stickSpeed / 100
        return pose.worldOffset(SIMD3(Double(sticks.forwardBack), -Double(sticks.leftRight), Double(sticks.upDown))) * scale
    }

    /// Ends a finished motion, and starts the drone's own landings.
    private mutating func handleDueEvents() -> [ModelReply] {
        var replies: [ModelReply] = []
        if flying, battery <= parameters.criticalBattery, action?.kind.endsOnGround != true {
            if let id = action?.commandID { replies.append(ModelReply(commandID: id, reply: .autoLand)) }
            beginLanding(id: nil)
        }
        if let running = action, now >= running.end {
            pose = running.endPose
            action = nil
            quietSince = now
            if running.kind.endsOnGround { stopMotors() }
            if let contact = running.contact {
                recordCollision(with: contact.with)
                if let id = running.commandID { replies.append(ModelReply(commandID: id, reply: Self.collisionReply)) }
            } else if case .findPad(let target) = running.then {
                if let reply = continueJump(target, id: running.commandID), let id = running.commandID {
                    replies.append(ModelReply(commandID: id, reply: reply))
                }
            } else if let id = running.commandID, running.answered {
                replies.append(ModelReply(commandID: id, reply: .ok))
            }
        }
        if flying, action == nil, now >= quietSince + parameters.autoLandAfter {
            beginLanding(id: nil)
        }
        return replies
    }
}
