import Agent
import Clocks
import DroneVocabulary
import Foundation
import JSONValue
import Lifetimes
import Logs
import MemoryNetwork
import Networks
import Planner
import TelloSim
import Testing

/// An emergency that cancels a plan is answered first: the plan's report
/// (`ai_commands_executed`, then its response) waits until whoever answers
/// the emergency says it has (the `Executor.answer` latch). On the
/// simulation executor, over a memory network and virtual time, so "the
/// report did not come yet" is a fact, not a timing.
@Suite struct EmergencyAnswerOrderTests {
    /// Broadcasts, in the order the executor made them.
    final class Broadcasts: @unchecked Sendable {  // `types` only under `lock`
        private let lock = NSLock()
        private var types: [String] = []
        func add(_ message: JSONValue) { lock.withLock { types.append(message["type"]?.stringValue ?? "?") } }
        var all: [String] { lock.withLock { types } }
    }

    @Test func aCancelledPlanReportsOnlyOnceTheEmergencyIsAnswered() async throws {
        let time = VirtualTime()
        let executor = SimulationExecutor(name: "emergency-order")
        defer { executor.finish() }
        let events: [String] = try await executor.drive(time) {
            let network = MemoryNetwork(time: time, seed: 1)
            let states = try network.bindDatagram(.loopback())
            var configuration = SimulatedTello.Configuration.exact()
            configuration.statePort = states.localAddress.port
            let simulator = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
            let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
            let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                                   logger: Logger(component: "udp", sink: MemorySink()))
            let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", sink: MemorySink()))
            let drone = Drone(link: link, time: time, logger: Logger(component: "drone", sink: MemorySink()))
            let broadcasts = Broadcasts()
            let planExecutor = Executor(drone: drone, time: time, pause: .zero, logger: Logger(component: "executor", sink: MemorySink())) {
                broadcasts.add($0)
            }
            return await withTaskGroup(of: Void.self) { group in
                group.addTask { await drone.run() }
                group.addTask { await simulator.run() }
                _ = await drone.connect()
                var events: [String] = []
                let plan = [PlannedCommand(.takeoff), PlannedCommand(.moveForward, amount: 500), PlannedCommand(.land)]
                async let run = planExecutor.run(plan)
                while !broadcasts.all.contains("command_executing") || broadcasts.all.filter({ $0 == "command_executing" }).count < 2 {
                    try? await time.sleep(for: .milliseconds(100))
                }
                let answered = Latch()
                let result = await Executor.$answer.withValue(answered) { await planExecutor.perform(.emergency, name: "emergency") }
                events.append("emergency \(result.success)")
                // Long after the plan's step was cancelled, the report still waits for the answer.
                try? await time.sleep(for: .seconds(5))
                events.append(contentsOf: broadcasts.all.filter { $0 == "ai_commands_executed" })
                events.append("answered")
                answered.open()
                let finished = await run
                events.append(contentsOf: broadcasts.all.filter { $0 == "ai_commands_executed" })
                events.append("cancelled \(finished?.cancelled ?? false)")
                group.cancelAll()
                await simulator.stop()
                return events
            }
        }
        #expect(events == ["emergency true", "answered", "ai_commands_executed", "cancelled true"])
    }
}
