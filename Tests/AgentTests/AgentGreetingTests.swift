import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Logs
import TestSupport
import Testing

/// `connection_established` is every client's first message, as the
/// original agent's own test script checks, even when a broadcast runs the
/// moment the client is registered. In a `Simulation`: the agent and the
/// client on its memory network and virtual time.
@Suite struct AgentGreetingTests {
    /// A sink that, when the agent logs a new client, runs a broadcast to
    /// every client and waits for it before the agent's code goes on: the
    /// broadcast lands exactly in the moment between registering the client
    /// and greeting it, where a real one could land by chance.
    final class BroadcastOnConnect: LogSink, @unchecked Sendable {
        // @unchecked Sendable: `hub` is set once before any client connects and only read under `lock`.
        private let lock = NSLock()
        private var hub: SessionHub?
        let records = MemorySink()

        func attach(_ hub: SessionHub) { lock.withLock { self.hub = hub } }

        func write(_ record: LogRecord) {
            records.write(record)
            guard record.message == "client connected", let hub = lock.withLock({ hub }) else { return }
            let done = DispatchSemaphore(value: 0)
            Task.detached { @Sendable in
                await hub.broadcast(["type": "drone_command_response", "action": "get_battery", "success": true])
                done.signal()
            }
            // Bounded: the broadcast needs the hub, which nothing holds at this point. It runs
            // off the simulation's executor (detached), which this wait holds.
            _ = done.wait(timeout: .now() + 5)
        }
    }

    @Test func theGreetingComesBeforeABroadcastThatRacesIt() async throws {
        try await Simulation.run(name: "greeting") { simulation in try await Self.greeting(in: simulation) }
    }

    static func greeting(in simulation: Simulation) async throws {
        var options = AgentOptions()
        options.port = 0
        options.backend = "http://127.0.0.1:9"
        let sink = BroadcastOnConnect()
        let agent = try await TelloAgent.start(options, environment: [:], time: simulation.time,
                                               logger: Logger(component: "test", minimumLevel: .debug, sink: sink),
                                               datagrams: simulation.network, streams: simulation.network)
        sink.attach(agent.server.hub)
        let report = try await agent.whileRunning {
            let client = try await TestClient(url: "ws://\(agent.address)/", headers: [:])
            _ = try await client.first(type: "drone_command_response")
            let types = client.received.compactMap { $0["type"]?.stringValue }
            #expect(types.first == "connection_established", "first messages: \(types.prefix(3))")
            await client.connection.close(code: .normalClosure, reason: "done")
        }.report
        #expect(report.isClean)
    }
}
