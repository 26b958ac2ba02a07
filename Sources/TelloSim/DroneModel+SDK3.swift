import TelloSDK

extension DroneModel {
    /// An SDK 3.0 command on a drone that speaks it (RoboMaster TT), with no motion running.
    mutating func perform(_ command: SDK3Command) -> TelloReply {
        switch command {
        case .keepalive:
            return .ok
        case .motorOn:
            // Motors at idle on the ground: cooling, no takeoff (djitellopy `turn_motor_on`:
            // "Turn on motors without flying (mainly for cooling)").
            guard !flying else { return .error(nil) }
            motorsOn = true
            return .ok
        case .motorOff:
            guard !flying else { return .error(nil) }
            motorsOn = false
            return .ok
        case .setFPS, .setBitrate, .setResolution:
            return .ok
        case .expansion(let text):
            return expansionBoard(text)
        }
    }

    /// The TT expansion board's answers: its own ToF sensor (`tof <mm>`), the LED and the
    /// dot matrix acknowledge with `led ok` / `matrix ok` (RoboMaster TT SDK 3.0 guide,
    /// "ESP32 open-source controller"); anything else it does not know is an error.
    private func expansionBoard(_ text: String) -> TelloReply {
        let words = TelloCommand.words(text)
        switch words.first {
        case "tof?": return .value("tof \(state.tof * 10)")
        case "led": return .value("led ok")
        case "mled": return .value("matrix ok")
        default: return .error(nil)
        }
    }
}
