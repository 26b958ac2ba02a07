import TelloPerformance
import TelloSDK

/// The numbers behind the simulated drone, each with its reason.
///
/// Defaults aim at a stock Tello on firmware 01.04 with SDK 2.0: they make
/// durations and drains realistic, not exact, so a client's timeouts are
/// exercised the way a real flight exercises them. The flight numbers come
/// from `TelloPerformance`, which the agent's preflight reads too.
public struct FlightParameters: Sendable, Equatable {
    /// `takeoff` replies `ok` after this long: motors spin up, then climb (real drones: 4-7 s;
    /// djitellopy waits up to 20 s for it).
    public var takeoffDuration: Duration = .seconds(TelloPerformance.exact.takeoffSeconds)
    /// Hover height after takeoff, cm (docs/tello-sdk.md: "hovers at roughly 0.8–1.2 m").
    public var takeoffHeight: Double = TelloPerformance.exact.takeoffHeight
    /// Descent speed of `land` and auto-land, cm/s; plus `motorSpinDown` at the bottom.
    public var landingSpeed: Double = TelloPerformance.exact.landingSpeed
    public var motorSpinDown: Duration = .seconds(TelloPerformance.exact.motorSpinDownSeconds)
    /// Turn rate of `cw`/`ccw`, degrees/s (a full turn takes about 4 s on a real drone).
    public var yawRate: Double = TelloPerformance.exact.yawRate
    /// A flip takes about a second and a half, and needs the battery above `flipMinimumBattery`.
    public var flipDuration: Duration = .seconds(TelloPerformance.exact.flipSeconds)
    /// Below this a real drone answers `error` to `flip` (community reports put it at 50 %).
    public var flipMinimumBattery: Double = TelloPerformance.exact.flipMinimumBattery
    /// Below this `takeoff` is refused with `error Motor stop`.
    public var takeoffMinimumBattery: Double = TelloPerformance.exact.takeoffMinimumBattery
    /// At or below this, in flight, the drone lands by itself (`error Auto land` to a running command).
    public var criticalBattery: Double = TelloPerformance.exact.criticalBattery
    /// `speed?` after power-on: captures of real drones answer `100.0`.
    public var initialSpeed = Int(TelloPerformance.exact.moveSpeed)
    /// The lowest a `down` move takes the drone, cm: the downward sensors stop it above the floor.
    public var minimumHeight: Double = TelloPerformance.exact.minimumHeight
    /// Battery drain with motors running, % per second: a full pack lasts about 13 minutes of flight.
    public var flightDrain: Double = TelloPerformance.exact.flightDrain
    /// Battery drain when powered with motors off, % per second (about an hour on a table).
    public var idleDrain: Double = TelloPerformance.exact.idleDrain
    /// Temperatures, °C: where the drone starts, and what it tends to idle and in flight
    /// (real drones idle in the 60s and climb toward 85-90 °C when flying long).
    public var startTemperature: Double = 45
    public var idleTemperature: Double = 65
    public var flightTemperature: Double = 88
    /// Time constant of the temperature's approach to its target, seconds.
    public var temperatureTimeConstant: Double = 300
    /// SDK 2.0 guide: "Tello will land automatically if it receives no command for 15 seconds."
    public var autoLandAfter: Duration = .seconds(15)
    /// rc stick at 100 moves the drone this fast, cm/s (and turns at `yawRate`).
    public var stickSpeed: Double = 100
    /// Barometer reading on the ground, metres (absolute altitude of the room).
    public var groundBarometer: Double = 100
    /// `sn?` answer, `sdk?` answer and `wifi?` signal-to-noise.
    public var serialNumber: String = "0TQZSIM0000001"
    public var sdkVersion: Int = 20
    public var wifiSignal: Int = 90
    /// Battery at power-on, %.
    public var initialBattery: Double = 100

    // The real drone's quirks (`realDrone(_:)` sets them, with their sources); these defaults are the exact drone.

    /// Which drone: `sdk?` and SDK 3.0. The exact default is the Tello EDU on SDK 2.0 (mission pads).
    public var model = TelloModel.edu
    /// When set, each takeoff lasts a seeded draw from this range of seconds instead of `takeoffDuration`.
    public var takeoffDurationRange: ClosedRange<Double>?
    /// Moves, `go` and `curve` cruise at this fraction of the commanded speed...
    public var cruiseFraction: Double = TelloPerformance.exact.cruiseFraction
    /// ...reached after this ramp (and shed by the same ramp at the end)...
    public var speedRamp: Duration = .seconds(TelloPerformance.exact.speedRampSeconds)
    /// ...and hover this long before answering.
    public var settleBeforeReply: Duration = .seconds(TelloPerformance.exact.settleSeconds)
    /// The answer to a command sent while a motion runs; nil drops it unanswered.
    public var busyReply: TelloReply?
    /// Whether reads and `command` are answered while a motion runs (else they are busy too).
    public var readsAnsweredDuringMotion = true
    /// The answer to a `curve` whose radius is outside 0.5-10 m.
    public var curveRadiusReply = TelloReply.error(nil)
    /// `land` during a move lands at once (the move is answered `error Auto land`); false: dropped as busy.
    public var landInterruptsMotion = false
    /// `stop` during a move answers the move `forced stop`; false: the move is never answered.
    public var forcedStopReply = false
    /// Whether `emergency` is answered `ok` (the SDK guide says so; real drones do not).
    public var answersEmergency = true
    /// Appended to read replies on the wire (real drones: CR LF).
    public var readReplySuffix = ""
    /// `h` reads low by a seeded offset from this range (cm), drawn at each takeoff.
    public var heightOffsetRange: ClosedRange<Double>?
    /// Seeded noise on pitch/roll (degrees) and on agx/agy/agz (mg) in state lines.
    public var attitudeNoise = 0
    public var accelerationNoise = 0
    /// Whether a `down` that `minimumHeight` cuts short is still answered.
    public var answersRefusedDescent = true
    /// Whether `rc` with a value out of range is answered `out of range` (else ignored).
    public var answersBadSticks = false
    /// Powered on, on the ground, motors off for this long: the drone switches itself off.
    public var thermalShutdownAfter: Duration?

    public init() {}
}
