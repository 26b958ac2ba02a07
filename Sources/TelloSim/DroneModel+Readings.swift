import Clocks
import TelloSDK

extension DroneModel {
    /// The answer to a read command, in the drone's formats (see `TelloReply+Values`).
    func read(_ query: ReadQuery) -> TelloReply {
        let state = state
        switch query {
        case .speed: return .speed(speedSetting)
        case .battery: return .battery(state.bat)
        case .time: return .motorTime(state.time)
        case .wifi: return .wifiSignal(parameters.wifiSignal)
        case .sdk: return .sdkVersion(parameters.sdkVersion)
        case .serialNumber: return .serialNumber(parameters.serialNumber)
        case .height: return .height(decimetres: state.h / 10)
        case .temperature: return .temperature(low: state.templ, high: state.temph)
        case .attitude: return .attitude(pitch: state.pitch, roll: state.roll, yaw: state.yaw)
        case .barometer: return .barometer(metres: state.baro)
        case .acceleration: return .acceleration(x: state.agx, y: state.agy, z: state.agz)
        case .tof: return .tof(millimetres: state.tof * 10)
        }
    }

    /// World-frame velocity right now, cm/s.
    var velocity: SIMD3<Double> {
        if let action {
            let window = Duration.milliseconds(50)
            let before = max(now - window, action.start)
            let after = min(now + window, action.end)
            let dt = (after - before).seconds
            guard dt > 0 else { return .zero }
            return (action.path.pose(at: action.progress(at: after)).position
                - action.path.pose(at: action.progress(at: before)).position) / dt
        }
        return flying ? stickVelocity : .zero
    }

    /// The state line the drone would send now.
    ///
    /// `vgx/vgy/vgz` are world-frame dm/s; attitude tilts with body velocity
    /// (about 5° at 1 m/s, as a quadcopter leans into its motion) and spins
    /// through a full turn during a flip; `tof` reads the distance to what is
    /// below (the floor or a box top) with the sensor's 10 cm floor; `h` is height above the takeoff point; accelerations read 1 g
    /// straight down (the model has no jerks worth reporting).
    public var state: TelloState {
        let v = velocity
        let body = pose.bodyOffset(fromWorld: v)
        var pitch = Int((-body.x / 20).rounded())
        var roll = Int((-body.y / 20).rounded())
        if let action, case .flip(_, let direction) = action.path {
            let spin = Self.wrapDegrees(360 * action.progress(at: now))
            if direction == .forward || direction == .back { pitch = Int(spin) } else { roll = Int(spin) }
        }
        let low = Int(temperature.rounded(.down))
        let noise = TelemetryNoise(seed: seed, time: now)
        pitch += noise.value(0, amplitude: parameters.attitudeNoise)
        roll += noise.value(1, amplitude: parameters.attitudeNoise)
        let trueHeight = pose.position.z - takeoffLevel
        // Real drones read `h` low by the flight's offset, down to 0 near the floor.
        let height = flying ? max(0, trueHeight - heightOffset) : trueHeight
        return TelloState(
            missionPad: missionPadState(pitch: pitch, roll: roll),
            pitch: pitch, roll: roll, yaw: Int(Self.wrapDegrees(pose.yaw).rounded()),
            vgx: Int((v.x / 10).rounded()), vgy: Int((v.y / 10).rounded()), vgz: Int((v.z / 10).rounded()),
            templ: low, temph: low + 2,
            tof: max(10, Int((pose.position.z - surfaceBelow(pose.position)).rounded())),
            h: Int(height.rounded()),
            bat: Int(battery.rounded(.up)),
            baro: parameters.groundBarometer + pose.position.z / 100,
            time: Int(motorTime.components.seconds),
            agx: Double(noise.value(2, amplitude: parameters.accelerationNoise)),
            agy: Double(noise.value(3, amplitude: parameters.accelerationNoise)),
            agz: Double(-1000 + noise.value(4, amplitude: parameters.accelerationNoise)))
    }

    /// Degrees into -180...180 (the state line's yaw range).
    static func wrapDegrees(_ degrees: Double) -> Double {
        var wrapped = degrees.truncatingRemainder(dividingBy: 360)
        if wrapped > 180 { wrapped -= 360 }
        if wrapped < -180 { wrapped += 360 }
        return wrapped
    }

    /// What only a test or the control endpoint can see.
    public var groundTruth: GroundTruth {
        GroundTruth(
            x: pose.position.x, y: pose.position.y, z: pose.position.z, yaw: pose.yaw,
            motorsOn: motorsOn, flying: flying, battery: battery, temperature: temperature,
            motorTime: motorTime.seconds, sdkMode: sdkMode, streaming: streaming, speed: speedSetting,
            activity: action?.kind.rawValue, collisions: collisionCount, lastCollision: lastCollision,
            poweredOff: poweredOff)
    }
}
