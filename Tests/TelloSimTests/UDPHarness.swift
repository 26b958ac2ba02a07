import Clocks
import Logs
import Sockets
import TelloSDK
import TelloSim
import TestSupport

/// A client with its own command, state and video sockets on 127.0.0.1, and a
/// simulator on port 0 that sends state and video to them.
struct UDPHarness {
    let drone: SimulatedTello
    let address: SocketAddress
    let commands: UDPSocket
    let states: UDPSocket
    let video: UDPSocket
    let time: VirtualTime
    let logs: MemorySink

    /// Exact unless told otherwise: the quirks have tests of their own.
    static func make(faults: FaultPlan = FaultPlan(), world: World = .standard, videoSource: VideoSource = .camera,
                     joinsMidGOP: Bool = false, parameters: FlightParameters = .exact(.edu), seed: UInt64 = 1,
                     tap: SimulatedTello.Configuration.Tap? = nil) async throws -> UDPHarness {
        let commands = try UDPSocket.bind(.loopback())
        let states = try UDPSocket.bind(.loopback())
        let video = try UDPSocket.bind(.loopback())
        var configuration = SimulatedTello.Configuration()
        configuration.statePort = states.localAddress.port
        configuration.videoPort = video.localAddress.port
        configuration.faults = faults
        configuration.world = world
        configuration.video = videoSource
        configuration.joinsMidGOP = joinsMidGOP
        configuration.parameters = parameters
        configuration.seed = seed
        configuration.tap = tap
        let time = VirtualTime()
        let logs = MemorySink()
        let drone = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "tello-sim", sink: logs))
        let address = try await drone.start(host: "127.0.0.1", commandPort: 0)
        return UDPHarness(drone: drone, address: address, commands: commands, states: states, video: video, time: time, logs: logs)
    }

    func send(_ text: String) async throws {
        try await commands.send(Array(text.utf8), to: address)
    }

    /// The next reply, failing after `seconds` of real time.
    func reply(within seconds: Double = 5) async throws -> String {
        let datagram = try await Self.receive(on: commands, within: seconds)
        guard datagram.from == address else { throw HarnessError(message: "reply from \(datagram.from), not \(address)") }
        return String(decoding: datagram.bytes, as: UTF8.self)
    }

    func ask(_ text: String) async throws -> String {
        try await send(text)
        return try await reply()
    }

    /// Sends `takeoff` and flies the 5 s it takes; returns the reply (`ok` when it worked).
    func takeOff() async throws -> String {
        try await send("takeoff")
        try await waitForActivity("takeoff")
        await fly(for: .seconds(5))
        return try await reply()
    }

    /// Advances virtual time in 100 ms steps (the state tick) until `total` has passed.
    func fly(for total: Duration) async {
        let end = time.now + total
        while time.now < end {
            time.advance(by: .milliseconds(100))
            await Task.yield()
        }
    }

    /// Waits (bounded by wall time, failing after `seconds`) until the drone reports `activity`:
    /// the command has reached it, so advancing virtual time now is not a race.
    func waitForActivity(_ activity: String?, within seconds: Double = 5) async throws {
        try await eventually("the drone to reach activity \(activity ?? "idle")", within: seconds) {
            await drone.groundTruth.activity == activity
        }
    }

    /// Waits (bounded, failing after `seconds`) until a log line contains `text`.
    func waitForLog(_ text: String, within seconds: Double = 5) async throws {
        try await eventually("a log line with '\(text)'", within: seconds) { logs.lines.contains { $0.contains(text) } }
    }

    func stop() async {
        await drone.stop()
        commands.close()
        states.close()
        video.close()
    }

    /// Receives one datagram or throws after `seconds` of wall time (a bounded wait that fails the test).
    static func receive(on socket: UDPSocket, within seconds: Double) async throws -> Datagram {
        try await within(seconds, "a datagram") { try await socket.receive() }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
