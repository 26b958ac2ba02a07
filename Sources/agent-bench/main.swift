// agent-bench: the agent's round-trip and broadcast figures, printed in one run.
//   1. drone_command round trip: WebSocket client -> agent -> (UDP -> embedded
//      simulator -> back, when the agent must ask) -> client, one request at a
//      time: `get_battery` (a read: answered from the drone's state stream while it
//      is fresh) and a move (`move_forward`/`move_back` 20 cm, alternating),
//      each sent as soon as the previous answer arrived.
//   2. drone_status fan-out to 100, 500 and 1,000 clients: from the moment the
//      agent has the state (just before the status loop's own step reads the
//      drone's snapshot) to each client's receipt of the frame (the `read` that
//      completed it, on a plain epoll client thread in this process).
// Usage: swift run -c release agent-bench [--reads N] [--moves N] [--clients 100,500,1000] [--rounds R]
import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Logs
import TelloSim

struct Options {
    var reads = 2000
    var moves = 40
    var clients = [100, 500, 1000]
    var rounds = 20
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    func count(_ flag: String) -> Int {
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 0 else { fail("\(flag) takes a whole number") }
        return value
    }
    while let flag = arguments.popFirst() {
        switch flag {
        case "--reads": options.reads = count(flag)
        case "--moves": options.moves = count(flag)
        case "--rounds": options.rounds = max(1, count(flag))
        case "--clients":
            let list = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
            guard !list.isEmpty, list.allSatisfy({ (1...1000).contains($0) }) else { fail("--clients takes counts 1-1000, e.g. 100,500,1000") }
            options.clients = list
        case "-h", "--help":
            print("usage: agent-bench [--reads N] [--moves N] [--clients 100,500,1000] [--rounds R]")
            exit(0)
        default:
            fail("unknown option \(flag)")
        }
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("agent-bench: \(message)\n".utf8))
    exit(2)
}

/// An agent on port 0 flying its embedded simulator (the exact drone: SDK-guide timing) in real time.
func startAgent(maxConnections: Int) async throws -> TelloAgent {
    var options = AgentOptions()
    options.port = 0
    options.backend = "http://127.0.0.1:9"
    options.statusInterval = .seconds(3600)  // the bench triggers status broadcasts itself
    options.maxConnections = maxConnections
    options.stepPause = .zero
    options.simulatorExact = true
    var simulator = SimulatedTello.Configuration()
    simulator.parameters = options.simulatorParameters
    return try await TelloAgent.start(options, environment: [:], time: SystemTime(),
                                      logger: Logger(component: "bench", minimumLevel: .error), simulator: simulator)
}

struct BenchFailure: Error, CustomStringConvertible { let description: String }

func expectSuccess(_ reply: JSONValue, _ what: String) throws {
    guard reply["success"] == true else { throw BenchFailure(description: "\(what) failed: \(reply.text)") }
}

/// Sequential `get_battery` reads, then sequential 20 cm moves, through one connected client.
func roundTrips(reads: Int, moves: Int) async throws {
    let agent = try await startAgent(maxConnections: 4)
    let report = try await agent.whileRunning {
        let pilot = try await Pilot(url: "ws://\(agent.address)/")
        try expectSuccess(try await pilot.request("connect_drone", id: "connect"), "connect_drone")
        var readSamples = Samples()
        for i in 0..<reads {
            let start = ContinuousClock.now
            let reply = try await pilot.request("drone_command", ["action": "get_battery"], id: "b\(i)")
            readSamples.add(ContinuousClock.now - start)
            try expectSuccess(reply, "get_battery")
        }
        print("  get_battery (a read; the state stream is fresh): \(readSamples.summary)")
        guard moves > 0 else { return await pilot.close() }
        try expectSuccess(try await pilot.request("drone_command", ["action": "takeoff"], id: "takeoff"), "takeoff")
        var moveSamples = Samples()
        for i in 0..<moves {
            let action = i.isMultiple(of: 2) ? "move_forward" : "move_back"
            let start = ContinuousClock.now
            let reply = try await pilot.request("drone_command", ["action": .string(action), "parameters": ["distance": 20]], id: "m\(i)")
            moveSamples.add(ContinuousClock.now - start)
            try expectSuccess(reply, action)
        }
        print("  move_forward/move_back 20 cm (the simulated drone flies each for 200 ms): \(moveSamples.summary)")
        _ = try await pilot.request("drone_command", ["action": "land"], id: "land")
        await pilot.close()
    }.report
    guard report.isClean else { throw BenchFailure(description: "the round-trip agent did not shut down cleanly") }
}

/// `rounds` status broadcasts to `count` connected clients, each round once every client has the previous one.
func fanOut(to count: Int, rounds: Int) async throws {
    let agent = try await startAgent(maxConnections: count)
    let report = try await agent.whileRunning {
        let receivers = try await StatusReceivers.start(count: count, port: agent.address.port)
        let joined = ContinuousClock.now + .seconds(30)
        while await agent.server.hub.count < count {
            guard ContinuousClock.now < joined else { throw BenchFailure(description: "only \(await agent.server.hub.count) of \(count) clients joined") }
            try await Task.sleep(for: .milliseconds(5))
        }
        var delivery = Samples()
        var calls = Samples()
        for round in 0..<rounds {
            let start = ContinuousClock.now
            await agent.broadcastStatus()
            calls.add(ContinuousClock.now - start)
            guard await receivers.waitForAll(frames: round + 1, timeout: .seconds(30)) else {
                receivers.stop()
                throw BenchFailure(description: "round \(round): not every client received the status within 30 s")
            }
            delivery.add(contentsOf: receivers.arrivals(frame: round).map { $0 - start })
        }
        print("  \(count) clients, \(rounds) rounds: \(delivery.summary)")
        print("    the broadcast step itself (snapshot, render once, hand to every client): \(calls.summary)")
        receivers.stop()
        let left = ContinuousClock.now + .seconds(30)
        while await agent.server.hub.count > 0, ContinuousClock.now < left { try await Task.sleep(for: .milliseconds(5)) }
    }.report
    guard report.isClean else { throw BenchFailure(description: "the fan-out agent (\(count) clients) did not shut down cleanly") }
}

/// The machine's load average, printed with the figures: on a shared machine they depend on it.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "unknown"
}

let options = parseOptions()
print("load average before: \(loadAverage()) (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
defer { print("load average after: \(loadAverage())") }
do {
    print("drone_command round trip (client -> agent -> simulator when asked -> client), one at a time:")
    try await roundTrips(reads: options.reads, moves: options.moves)
    print("drone_status fan-out (the agent has the state -> each client has read the frame):")
    for count in options.clients { try await fanOut(to: count, rounds: options.rounds) }
} catch {
    fail("\(error)")
}
