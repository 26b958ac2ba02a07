import TelloSDK

/// Reads the drone's state stream already answers, answered from it.
///
/// Why: a Tello pushes its battery, height, `tof`, temperatures, attitude,
/// barometer, acceleration and motor time ten times a second; asking for
/// them again costs a round trip through the one-command-at-a-time link (and
/// waits behind a running move) for a value the agent received a moment ago.
/// "Fresh" means the newest state line arrived within `freshFor` (1 s, about
/// ten lines): older than that, the stream has stalled and the drone is
/// asked. Not answered from the stream: `speed?` (the speed setting; the
/// stream carries velocity), `wifi?`, `sdk?`, `sn?`, which it does not carry.
package struct StateReadings: Sendable {
    package static let freshFor: Duration = .seconds(1)

    private var latest: TelloState?
    private var receivedAt: Duration?

    package init() {}

    /// Remembers the newest state line and when it arrived (flight time).
    package mutating func record(_ state: TelloState, at now: Duration) {
        latest = state
        receivedAt = now
    }

    /// The newest state line if it is fresh: what the drone itself measured
    /// last, untouched by the agent's dead reckoning.
    package func newest(now: Duration) -> TelloState? {
        guard let latest, let receivedAt, now - receivedAt <= Self.freshFor else { return nil }
        return latest
    }

    /// The reply the drone would give to `read`, from a fresh state line;
    /// nil when the drone must be asked.
    package func answer(_ read: DroneCommand, now: Duration) -> TelloReply? {
        guard let state = latest, let receivedAt, now - receivedAt <= Self.freshFor,
              case .read(let query) = read.command, let reply = Self.reply(to: query, from: state)
        else { return nil }
        return reply
    }

    /// In the drone's own formats (`TelloReply+Values`), as a `battery?` or `tof?` would be answered.
    static func reply(to query: ReadQuery, from state: TelloState) -> TelloReply? {
        switch query {
        case .battery: .battery(state.bat)
        case .height: .height(decimetres: state.h / 10)
        case .tof: .tof(millimetres: state.tof * 10)
        case .temperature: .temperature(low: state.templ, high: state.temph)
        case .attitude: .attitude(pitch: state.pitch, roll: state.roll, yaw: state.yaw)
        case .barometer: .barometer(metres: state.baro)
        case .acceleration: .acceleration(x: state.agx, y: state.agy, z: state.agz)
        case .time: .motorTime(state.time)
        case .speed, .wifi, .sdk, .serialNumber: nil
        }
    }
}
