// agent-bench: the agent's round-trip and broadcast figures, printed.
//   1. drone_command round trip: WebSocket client -> agent -> UDP -> embedded
//      simulator -> agent -> client (`get_battery`: the simulator answers a
//      read at once), p50/p99 over N sequential requests.
//   2. drone_status fan-out: one status broadcast to C connected clients,
//      latency from the broadcast call to each client's receipt (p50/p99/max).
// Usage: swift run -c release agent-bench [--requests N] [--clients C] [--rounds R]
import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Logs
import Wire

struct Options {
    var requests = 2000
    var clients = 1000
    var rounds = 20
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        switch flag {
        case "--requests": options.requests = Int(arguments.popFirst() ?? "") ?? options.requests
        case "--clients": options.clients = Int(arguments.popFirst() ?? "") ?? options.clients
        case "--rounds": options.rounds = Int(arguments.popFirst() ?? "") ?? options.rounds
        case "-h", "--help":
            print("usage: agent-bench [--requests N] [--clients C] [--rounds R]")
            exit(0)
        default:
            FileHandle.standardError.write(Data("agent-bench: unknown option \(flag)\n".utf8))
            exit(2)
        }
    }
    return options
}

func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func describe(_ samples: [Duration]) -> String {
    let sorted = samples.sorted()
    func ms(_ d: Duration) -> String { String(format: "%.3f ms", d.seconds * 1000) }
    return "p50 \(ms(percentile(sorted, 0.5)))  p99 \(ms(percentile(sorted, 0.99)))  max \(ms(sorted.last!))  (n=\(sorted.count))"
}

/// Sends requests and hands back each response by id.
final class BenchClient: @unchecked Sendable {
    // @unchecked Sendable: `waiting` is only touched under `lock`.
    let connection: WebSocketConnection
    private let lock = NSLock()
    private var waiting: [String: CheckedContinuation<JSONValue, Never>] = [:]
    private(set) var statusArrivals: [ContinuousClock.Instant] = []

    init(url: String) async throws {
        connection = try await WebSocketConnection.connect(to: url, logger: Logger(component: "bench-client", minimumLevel: .error))
        Task { [connection] in
            while let message = await connection.receive() {
                let now = ContinuousClock.now  // before this client's own JSON parsing
                guard case .text(let text) = message else { continue }
                // Status frames are recognised without parsing (keys are sorted: `{"data":…,"type":"drone_status"}`)
                // so 1000 clients in this process measure the server's fan-out, not their own JSON decoding.
                if text.hasPrefix(#"{"data":"#), text.hasSuffix(#""type":"drone_status"}"#) {
                    self.lock.withLock { self.statusArrivals.append(now) }
                    continue
                }
                guard let value = try? JSONValue(parsing: text) else { continue }
                if value["type"] == "drone_status" {
                    self.lock.withLock { self.statusArrivals.append(now) }
                } else if let id = value["id"]?.stringValue {
                    self.lock.withLock { self.waiting.removeValue(forKey: id) }?.resume(returning: value)
                }
            }
        }
    }

    func request(_ type: String, _ data: JSONValue, id: String) async -> JSONValue {
        await withCheckedContinuation { continuation in
            lock.withLock { waiting[id] = continuation }
            Task { _ = await connection.send(text: (["type": .string(type), "data": data, "id": .string(id)] as JSONValue).text) }
        }
    }

    var arrivals: Int { lock.withLock { statusArrivals.count } }
    func arrival(_ index: Int) -> ContinuousClock.Instant { lock.withLock { statusArrivals[index] } }
}

/// Starts an agent on port 0 flying its embedded simulator in real time.
func startAgent(replyGuard: Duration, maxConnections: Int) async throws -> TelloAgent {
    var agentOptions = AgentOptions()
    agentOptions.port = 0
    agentOptions.backend = "http://127.0.0.1:9"
    agentOptions.statusInterval = .seconds(3600)  // the bench triggers broadcasts itself
    agentOptions.maxConnections = maxConnections
    var link = DroneLinkMachine.Config()
    link.replyGuard = replyGuard
    return try await TelloAgent.start(agentOptions, environment: [:], time: SystemTime(),
                                      logger: Logger(component: "bench", minimumLevel: .error), linkConfig: link)
}

/// N sequential `get_battery` drone_commands, each sent when the previous answer arrived.
func roundTrips(_ count: Int, replyGuard: Duration) async throws -> [Duration] {
    let agent = try await startAgent(replyGuard: replyGuard, maxConnections: 4)
    return try await agent.whileRunning {
        let pilot = try await BenchClient(url: "ws://\(agent.address)/")
        _ = await pilot.request("connect_drone", [:], id: "connect")
        var samples: [Duration] = []
        for i in 0..<count {
            let start = ContinuousClock.now
            let reply = await pilot.request("drone_command", ["action": "get_battery"], id: "b\(i)")
            samples.append(ContinuousClock.now - start)
            precondition(reply["success"] == true, "get_battery failed: \(reply.text)")
        }
        return samples
    }.result
}

let options = parseOptions()

// 1. Round trips.
print("drone_command get_battery round trip (client -> agent -> UDP -> simulator -> back), \(options.requests) sequential:")
print("  agent and transport alone (reply guard 0): \(describe(try await roundTrips(options.requests, replyGuard: .zero)))")
let guarded = DroneLinkMachine.Config().replyGuard
print("  back to back with the default \(guarded) reply guard: \(describe(try await roundTrips(options.requests / 10, replyGuard: guarded)))")

// 2. Fan-out.
let agent = try await startAgent(replyGuard: .zero, maxConnections: options.clients + 10)
let fanOutReport = try await agent.whileRunning {
    let url = "ws://\(agent.address)/"
    var clients: [BenchClient] = []
    for _ in 0..<options.clients { clients.append(try await BenchClient(url: url)) }
    while await agent.server.hub.count < options.clients { try await Task.sleep(for: .milliseconds(10)) }
    var fanOut: [Duration] = []
    var broadcastCalls: [Duration] = []
    for round in 0..<options.rounds {
        let status = AgentMessage.droneStatus(await agent.drone.snapshot)
        let start = ContinuousClock.now
        await agent.server.hub.broadcast(status, statusOnly: true)
        broadcastCalls.append(ContinuousClock.now - start)
        for client in clients {
            while client.arrivals <= round { try await Task.sleep(for: .microseconds(200)) }
            fanOut.append(client.arrival(round) - start)
        }
    }
    print("drone_status fan-out to \(options.clients) clients, \(options.rounds) rounds (broadcast call -> receipt): \(describe(fanOut))")
    print("  the broadcast call itself (render once, queue to every client): \(describe(broadcastCalls))")
}.report
exit(fanOutReport.isClean ? 0 : 1)
