import Clocks
import Lifetimes
import Logs
import MemoryNetwork
import Networks
import Sockets
import TelloSim
import Testing

/// The camera inside a simulation run (simulation executor, memory network,
/// virtual time): the video a client receives in a second of flight is the
/// same, datagram for datagram, on every run. Drawn on a queue of its own,
/// frames came back at moments the run could not see, and the run moved its
/// clock without them.
@Suite struct CameraInSimulationTests {
    /// Every video datagram's size, in arrival order, during `seconds` of streaming.
    static func stream(seconds: Int) async throws -> [Int] {
        let time = VirtualTime()
        let executor = SimulationExecutor(name: "camera-in-simulation")
        defer { executor.finish() }
        return try await executor.drive(time) {
            let network = MemoryNetwork(time: time, seed: 3)
            let client = try network.bindDatagram(.loopback())
            let video = try network.bindDatagram(.loopback())
            var configuration = SimulatedTello.Configuration.exact()
            configuration.videoPort = video.localAddress.port
            configuration.statePort = 9  // nobody: state lines are dropped
            configuration.video = CameraStreamTests.smallCamera
            let drone = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
            let address = try await drone.bind(host: "127.0.0.1", commandPort: 0, network: network)
            return try await withRunning({ await drone.run() }) {
                for command in ["command", "streamon"] {
                    try await client.send(Array(command.utf8), to: address)
                    _ = try await client.receive()
                }
                let end = time.now + .seconds(seconds)
                return try await withThrowingTaskGroup(of: [Int].self) { group in
                    group.addTask {
                        var sizes: [Int] = []
                        while let datagram = try? await video.receive() { sizes.append(datagram.bytes.count) }
                        return sizes
                    }
                    try await time.sleep(until: end)
                    await drone.stop()
                    video.close()
                    return try await group.next() ?? []
                }
            }
        }
    }

    @Test func theVideoOfARunIsTheSameEveryRun() async throws {
        let first = try await Self.stream(seconds: 1)
        #expect(first.count >= 28, "about 30 pictures a second, each one or more datagrams: \(first.count)")
        #expect(try await Self.stream(seconds: 1) == first)
    }
}
