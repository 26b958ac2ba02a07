import Foundation
import TelloSDK

extension DroneStatus {
    /// Folds one state line in. `flying`, `connected` and `position` are the
    /// agent's own knowledge and stay as they are (`Drone` ends `flying`
    /// through `LandingWatch` when the stream shows the drone on the ground).
    mutating func apply(_ state: TelloState) {
        battery = state.bat
        temperature = (state.templ + state.temph) / 2
        height = state.h
        speed = Vector(x: state.vgx, y: state.vgy, z: state.vgz)
        flightTime = state.time
        yaw = state.yaw
        pitch = state.pitch
        roll = state.roll
        tof = state.tof
        barometer = state.baro
        acceleration = Vector(x: Int(state.agx.rounded()), y: Int(state.agy.rounded()), z: Int(state.agz.rounded()))
    }

    /// The vertical readings a move starts from: taken when it is sent,
    /// because state lines arriving while it flies already measure part of it.
    struct Vertical: Equatable {
        var height: Int
        var tof: Int
    }

    var vertical: Vertical { Vertical(height: height, tof: tof) }

    /// Dead reckoning for `position`, as the original kept it: body-frame
    /// moves turned by the heading the agent has flown (cm; x forward at connect, y right, z up).
    /// `start` is `vertical` when the move was sent (now, if not given).
    mutating func track(move direction: MoveDirection, centimetres: Int, heading degrees: Int, from start: Vertical? = nil) {
        let start = start ?? vertical
        let radians = Double(degrees) * .pi / 180
        let (forward, right): (Double, Double) = switch direction {
        case .forward: (1, 0)
        case .back: (-1, 0)
        case .right: (0, 1)
        case .left: (0, -1)
        case .up, .down: (0, 0)
        }
        let d = Double(centimetres)
        position.x += Int((d * (forward * cos(radians) - right * sin(radians))).rounded())
        position.y += Int((d * (forward * sin(radians) + right * cos(radians))).rounded())
        // The height too (and the distance to what is below), until the next state
        // line measures it: a plan checked right after this move's `ok` must not
        // start from the height before it. Counted from where the move started,
        // not from the last line, which may already show part of the climb.
        if direction == .up { position.z += centimetres; height = start.height + centimetres; tof = start.tof + centimetres }
        if direction == .down {
            position.z -= centimetres
            height = max(start.height - centimetres, 0)
            tof = max(start.tof - centimetres, 0)
        }
    }
}
