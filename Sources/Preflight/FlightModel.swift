/// The numbers the shadow flight flies by. Defaults are a stock Tello's as
/// the simulator models it (its `FlightParameters`); when the agent flies
/// the embedded simulator it copies that simulator's own numbers in, so the
/// prediction and the simulated flight agree.
package struct FlightModel: Sendable, Equatable {
    /// `takeoff`: the climb to this height above the ground, taking this long.
    package var takeoffHeight = 100.0
    package var takeoffSeconds = 5.0
    /// Moves at the drone's speed setting, cm/s (a Tello starts at 100).
    package var moveSpeed = 100.0
    /// Turn rate, degrees/s.
    package var yawRate = 90.0
    /// `land`: descent speed, cm/s, then the motors spin down.
    package var landingSpeed = 50.0
    package var motorSpinDownSeconds = 1.0
    package var flipSeconds = 1.5
    /// Below this battery (%) a real drone answers `error` to `flip`.
    package var flipMinimumBattery = 50.0
    /// Below this `takeoff` is refused.
    package var takeoffMinimumBattery = 10.0
    /// At or below this, in flight, the drone lands by itself.
    package var criticalBattery = 5.0
    /// Battery drain with motors running and off, % per second.
    package var flightDrain = 100.0 / (13 * 60)
    package var idleDrain = 100.0 / 3600
    /// Seconds the executor waits between a plan's steps (`--step-pause`).
    package var stepPause = 2.0

    package init() {}
}
