/// How a Tello flies, in numbers: the one place the simulator's flight
/// parameters (TelloSim) and the preflight's model of a flight (Preflight)
/// take them from, so a prediction and a simulated flight cannot drift
/// apart. Pure values; the defaults are the exact drone (a stock Tello
/// flown as the SDK guide describes it); the simulator's real drone adds
/// its measured quirks (`cruiseFraction`, `speedRampSeconds`, `settleSeconds`).
package struct TelloPerformance: Sendable, Equatable {
    /// `takeoff` climbs to this height, cm, in this long (real drones: 4-7 s).
    package var takeoffHeight = 100.0
    package var takeoffSeconds = 5.0
    /// Speed setting after power-on, cm/s (`speed?` answers 100 on real drones).
    package var moveSpeed = 100.0
    /// Turn rate of `cw`/`ccw`, degrees/s (a full turn takes about 4 s).
    package var yawRate = 90.0
    /// `land`: descent speed, cm/s, then the motors spin down.
    package var landingSpeed = 50.0
    package var motorSpinDownSeconds = 1.0
    /// A flip takes about a second and a half, and needs the battery above `flipMinimumBattery` (%).
    package var flipSeconds = 1.5
    package var flipMinimumBattery = 50.0
    /// Below this battery (%) `takeoff` is refused.
    package var takeoffMinimumBattery = 10.0
    /// At or below this (%), in flight, the drone lands by itself.
    package var criticalBattery = 5.0
    /// Battery drain with motors running (a pack lasts about 13 minutes of flight) and off (about an hour), % per second.
    package var flightDrain = 100.0 / (13 * 60)
    package var idleDrain = 100.0 / 3600
    /// The lowest a `down` move takes the drone, cm.
    package var minimumHeight = 20.0
    /// Moves cruise at this fraction of the speed setting, reached after a
    /// ramp of this long (and shed by the same ramp), then hover this long
    /// before the reply.
    package var cruiseFraction = 1.0
    package var speedRampSeconds = 0.0
    package var settleSeconds = 0.0

    package init() {}

    /// The exact drone's numbers: the defaults of everything built on them.
    package static let exact = TelloPerformance()

    /// The speed profile of a move, `go` or `curve`.
    package var motionProfile: SpeedProfile {
        SpeedProfile(ramp: .seconds(speedRampSeconds), settle: .seconds(settleSeconds))
    }

    /// Seconds from sending a move of `distance` cm at the speed setting to its reply.
    package func moveSeconds(distance: Double) -> Double {
        SpeedProfile.seconds(motionProfile.duration(distance: distance, cruise: moveSpeed * cruiseFraction))
    }
}
