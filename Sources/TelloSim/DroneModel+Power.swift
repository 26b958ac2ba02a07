import Clocks

extension DroneModel {
    /// The power button pressed on a drone that switched itself off: a fresh boot where it
    /// lies, on the ground, motors off, not in SDK mode, no stream, default settings. What
    /// the power cycle does not change stays: the battery, the temperature, where it is.
    /// Does nothing to a drone that is on. Returns the replies due on the way to `time`.
    public mutating func switchOn(at time: Duration) -> [ModelReply] {
        let replies = advance(to: time)
        guard poweredOff else { return replies }
        poweredOff = false
        sdkMode = false
        action = nil
        stopMotors()
        streaming = false
        missionPadDetection = false
        padDirection = .both
        speedSetting = parameters.initialSpeed
        takeoffLevel = surfaceBelow(pose.position)
        heightOffset = 0
        // `time?` counts motor time since power-on.
        motorTime = .zero
        groundIdle = .zero
        quietSince = now
        touching = false
        owed.removeAll()
        return replies
    }
}
