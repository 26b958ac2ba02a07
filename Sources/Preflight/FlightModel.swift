/// The numbers the shadow flight flies by. Defaults are a stock Tello's as
/// the simulator models it (its `FlightParameters`); when the agent flies
/// the embedded simulator it copies that simulator's own numbers in, so the
/// prediction and the simulated flight agree.
public struct FlightModel: Sendable, Equatable {
    /// `takeoff`: the climb to this height above the ground, taking this long.
    public var takeoffHeight = 100.0
    public var takeoffSeconds = 5.0
    /// Moves at the drone's speed setting, cm/s (a Tello starts at 100).
    public var moveSpeed = 100.0
    /// Turn rate, degrees/s.
    public var yawRate = 90.0
    /// `land`: descent speed, cm/s, then the motors spin down.
    public var landingSpeed = 50.0
    public var motorSpinDownSeconds = 1.0
    public var flipSeconds = 1.5
    /// Below this battery (%) a real drone answers `error` to `flip`.
    public var flipMinimumBattery = 50.0
    /// Below this `takeoff` is refused.
    public var takeoffMinimumBattery = 10.0
    /// At or below this, in flight, the drone lands by itself.
    public var criticalBattery = 5.0
    /// Battery drain with motors running and off, % per second.
    public var flightDrain = 100.0 / (13 * 60)
    public var idleDrain = 100.0 / 3600
    /// Seconds the executor waits between a plan's steps (`--step-pause`).
    public var stepPause = 2.0

    public init() {}
}
