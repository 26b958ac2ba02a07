import Clocks
import TelloPerformance

extension FlightParameters {
    /// This drone's flight numbers as the agent's preflight reads them, so
    /// it predicts the flight this simulator will fly.
    package var performance: TelloPerformance {
        var numbers = TelloPerformance()
        numbers.takeoffHeight = takeoffHeight
        numbers.takeoffSeconds = takeoffDuration.seconds
        numbers.moveSpeed = Double(initialSpeed)
        numbers.yawRate = yawRate
        numbers.landingSpeed = landingSpeed
        numbers.motorSpinDownSeconds = motorSpinDown.seconds
        numbers.flipSeconds = flipDuration.seconds
        numbers.flipMinimumBattery = flipMinimumBattery
        numbers.takeoffMinimumBattery = takeoffMinimumBattery
        numbers.criticalBattery = criticalBattery
        numbers.flightDrain = flightDrain
        numbers.idleDrain = idleDrain
        numbers.minimumHeight = minimumHeight
        numbers.cruiseFraction = cruiseFraction
        numbers.speedRampSeconds = speedRamp.seconds
        numbers.settleSeconds = settleBeforeReply.seconds
        return numbers
    }
}
