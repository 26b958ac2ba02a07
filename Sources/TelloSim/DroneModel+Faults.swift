import Clocks
import TelloSDK

extension DroneModel {
    /// Fault: the battery reads `percent` from `time` on (a swapped or failing pack).
    /// At or below the critical level a flying drone starts landing on the next step.
    public mutating func setBattery(_ percent: Double, at time: Duration) -> [ModelReply] {
        var replies = advance(to: time)
        battery = min(max(percent, 0), 100)
        replies += advance(to: time)
        return replies
    }

    /// Fault: the motors stop by themselves (a real drone's "error Motor stop").
    /// The drone drops to the floor; a running command is answered `error Motor stop`.
    public mutating func cutMotors(at time: Duration) -> [ModelReply] {
        var replies = advance(to: time)
        if let id = action?.commandID { replies.append(ModelReply(commandID: id, reply: .motorStop)) }
        action = nil
        stopMotors()
        return replies
    }
}
