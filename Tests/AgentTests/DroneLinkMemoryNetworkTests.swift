import Agent
import Clocks
import Networks
import Logs
import MemoryNetwork
import Sockets
import TelloSDK
import TelloSim
import Testing

/// The drone link against the simulator over an in-memory network, on the
/// simulation executor and virtual time: the same property as over loopback
/// UDP (every `ok` is the reply to the move it is taken for; no move is
/// sent twice), but decided by the seed alone, with no real clock and no
/// polling, and the same outcome on every run.
@Suite struct DroneLinkMemoryNetworkTests {
    struct Flight: Equatable, Sendable {
        var outcomes: [String]
        var finalX: Double
        var commandsReceived: Int
        var virtualTime: Duration
    }

    /// Connects, takes off, and flies `moves` under drone-side faults and network faults.
    static func fly(seed: UInt64, faults: FaultPlan, network networkFaults: LinkFaults) async throws -> Flight {
        let time = VirtualTime()
        let executor = SimulationExecutor(name: "drone-link-memory")
        defer { executor.finish() }
        return try await executor.drive(time) {
            let network = MemoryNetwork(time: time, seed: seed)
            let states = try network.bindDatagram(.loopback())
            var configuration = SimulatedTello.Configuration.exact()
            configuration.statePort = states.localAddress.port
            configuration.seed = seed
            let simLog = MemorySink()
            let simulator = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: simLog))
            let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
            let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                                   logger: Logger(component: "udp", sink: MemorySink()))
            let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", sink: MemorySink()))
            return await withTaskGroup(of: Void.self) { group in
                group.addTask { await link.run() }
                group.addTask { await simulator.run() }
                var flight = Flight(outcomes: [], finalX: 0, commandsReceived: 0, virtualTime: .zero)
                _ = await link.send(.sdkMode)
                _ = await link.send(.takeoff)
                try? await simulator.setFaults(faults)
                network.setFaults(networkFaults)
                var flown = 0.0
                for centimeters in 100..<108 {
                    let move = DroneCommand(.move(.forward, centimeters: centimeters))
                    let outcome = await link.send(move)
                    let obeyed = simLog.records.contains {
                        $0.message == "command received" && $0[field: "command"] == move.text && !($0[field: "outcome"] ?? "").hasPrefix("lost")
                    }
                    if obeyed { flown += Double(centimeters) }
                    if outcome == .reply(.ok) {
                        let truth = await simulator.groundTruth
                        #expect(obeyed, "\(move) answered but never flown")
                        #expect(abs(truth.x - flown) < 1, "\(move) answered ok at x=\(truth.x), not \(flown)")
                    }
                    let sent = simLog.records.filter { $0.message == "command received" && $0[field: "command"] == move.text }.count
                    #expect(sent <= 1, "\(move) reached the drone \(sent) times")
                    flight.outcomes.append("\(outcome)")
                }
                flight.finalX = await simulator.groundTruth.x
                flight.commandsReceived = simLog.records.filter { $0.message == "command received" }.count
                flight.virtualTime = time.now
                group.cancelAll()
                await simulator.stop()
                return flight
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func lossDuplicatesAndJitterNeverMisattributeOrRepeatAndReplayExactly(seed: UInt64) async throws {
        var faults = FaultPlan()
        faults.duplicateReplies = 0.4
        faults.replyLoss = 0.15
        faults.commandLoss = 0.1
        // No network duplication: a drone obeys a duplicated datagram twice, which no link can prevent.
        let network = LinkFaults(loss: 0.05, delay: .milliseconds(5), jitter: .milliseconds(30))
        let first = try await Self.fly(seed: seed, faults: faults, network: network)
        #expect(first.outcomes.count == 8)
        #expect(first.virtualTime > .seconds(8), "eight 1 m moves take more than 8 s of flight")
        let again = try await Self.fly(seed: seed, faults: faults, network: network)
        #expect(again == first, "the same seed replays the same flight")
    }

    @Test func aCleanNetworkFliesEveryMove() async throws {
        let flight = try await Self.fly(seed: 9, faults: FaultPlan(), network: .none)
        #expect(flight.outcomes == Array(repeating: "\(DroneLinkMachine.Outcome.reply(.ok))", count: 8))
        #expect(abs(flight.finalX - Double((100..<108).reduce(0, +))) < 1)
    }
}
