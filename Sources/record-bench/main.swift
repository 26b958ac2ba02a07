// record-bench: what `tello-agent --record` costs, measured in one run.
//   Two agents, each flying its embedded simulator in real time, the same
//   options but one recording to a file; the samples are interleaved (one on
//   the plain agent, one on the recording agent, ...) so both see the same machine.
//   1. drone_command round trip (`get_battery`, answered from the agent's state; and `stop`,
//      answered by the drone over UDP), sequential: p50/p99 each, and the p50 added.
//   2. drone_status fan-out to C clients of each agent (broadcast call -> each
//      client's receipt): p50/p99 each, and the p50 added.
// Usage: swift run -c release record-bench [--requests N] [--clients C] [--rounds R]
import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Logs
import Synchronization
import Wire

struct Options {
    var requests = 2000
    var clients = 200
    var rounds = 60
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        func number() -> Int {
            guard let text = arguments.popFirst(), let value = Int(text), (1...100_000).contains(value) else {
                FileHandle.standardError.write(Data("record-bench: \(flag) needs a whole number from 1 to 100000\n".utf8))
                exit(2)
            }
            return value
        }
        switch flag {
        case "--requests": options.requests = number()
        case "--clients": options.clients = number()
        case "--rounds": options.rounds = number()
        case "-h", "--help":
            say("usage: record-bench [--requests N] [--clients C] [--rounds R]")
            exit(0)
        default:
            FileHandle.standardError.write(Data("record-bench: unknown option \(flag)\n".utf8))
            exit(2)
        }
    }
    return options
}

func percentile(_ samples: [Duration], _ p: Double) -> Duration {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// A line to standard output, unbuffered: the figures reach a pipe as they are known.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func ms(_ d: Duration) -> String { String(format: "%.3f ms", d.seconds * 1000) }

func compare(_ what: String, plain: [Duration], recorded: [Duration]) {
    let (a, b) = (percentile(plain, 0.5), percentile(recorded, 0.5))
    say("\(what):")
    say("  without --record: p50 \(ms(a))  p99 \(ms(percentile(plain, 0.99)))  (n=\(plain.count))")
    say("  with --record:    p50 \(ms(b))  p99 \(ms(percentile(recorded, 0.99)))  (n=\(recorded.count))")
    say(String(format: "  added at p50: %.3f ms (%+.1f%%)", (b - a).seconds * 1000, (b - a).seconds / a.seconds * 100))
}

/// An agent on port 0, real time, the bench triggering its broadcasts; recording to `record` if given.
func startAgent(record: String?, maxConnections: Int) async throws -> TelloAgent {
    var options = AgentOptions()
    options.port = 0
    options.backend = "http://127.0.0.1:9"
    options.statusInterval = .seconds(3600)
    options.maxConnections = maxConnections
    options.recordPath = record
    var link = DroneLinkMachine.Config()
    link.replyGuard = .zero
    return try await TelloAgent.start(options, environment: [:], time: SystemTime(),
                                      logger: Logger(component: "bench", minimumLevel: .error), linkConfig: link)
}

/// Sends one request and reads until its response: the caller is the only reader of `connection`.
func exchange(_ connection: WebSocketConnection, _ type: String, _ data: JSONValue, id: String) async -> JSONValue? {
    _ = await connection.send(text: (["type": .string(type), "data": data, "id": .string(id)] as JSONValue).text)
    while let message = await connection.receive() {
        guard case .text(let text) = message, let value = try? JSONValue(parsing: text) else { continue }
        if value["id"]?.stringValue == id { return value }
    }
    return nil
}

func connect(_ agent: TelloAgent) async throws -> WebSocketConnection {
    try await WebSocketConnection.connect(to: "ws://\(agent.address)/", logger: Logger(component: "bench-client", minimumLevel: .error))
}

/// Status arrivals per client, counted without parsing (a status frame is recognised by its sorted keys).
final class Arrivals: Sendable {
    private let times: Mutex<[[ContinuousClock.Instant]]>
    init(clients: Int) { times = Mutex(Array(repeating: [], count: clients)) }
    func add(_ client: Int, _ at: ContinuousClock.Instant) { times.withLock { $0[client].append(at) } }
    func count(_ client: Int) -> Int { times.withLock { $0[client].count } }
    func at(_ client: Int, _ round: Int) -> ContinuousClock.Instant { times.withLock { $0[client][round] } }
}

/// `clients` new clients on each agent; then `rounds` rounds, each a broadcast by the plain agent then one
/// by the recording agent, each waited for at every one of its clients. Returns the latencies per agent.
func fanOut(plain: TelloAgent, recording: TelloAgent, clients count: Int, rounds: Int) async throws -> ([Duration], [Duration]) {
    var connections: [[WebSocketConnection]] = [[], []]
    for (side, agent) in [plain, recording].enumerated() {
        // Every new client must be in the hub before the first broadcast (the round-trip client is there already).
        let before = await agent.server.hub.count
        for _ in 0..<count { connections[side].append(try await connect(agent)) }
        while await agent.server.hub.count < before + count { try await Task.sleep(for: .milliseconds(10)) }
    }
    let arrivals = [Arrivals(clients: count), Arrivals(clients: count)]
    return try await withThrowingTaskGroup(of: Void.self) { group in
        for side in 0..<2 {
            for (index, connection) in connections[side].enumerated() {
                group.addTask {
                    while let message = await connection.receive() {
                        let now = ContinuousClock.now
                        if case .text(let text) = message, text.hasSuffix(#""type":"drone_status"}"#) { arrivals[side].add(index, now) }
                    }
                }
            }
        }
        var samples: ([Duration], [Duration]) = ([], [])
        for round in 0..<rounds {
            for (side, agent) in [plain, recording].enumerated() {
                let status = AgentMessage.droneStatus(await agent.drone.snapshot)
                let start = ContinuousClock.now
                await agent.server.hub.broadcast(status, statusOnly: true)
                for index in 0..<count {
                    while arrivals[side].count(index) <= round { try await Task.sleep(for: .microseconds(200)) }
                    let latency = arrivals[side].at(index, round) - start
                    if side == 0 { samples.0.append(latency) } else { samples.1.append(latency) }
                }
            }
        }
        for connection in connections.joined() { await connection.close(code: .normalClosure, reason: "bench over") }
        try await group.waitForAll()
        return samples
    }
}

/// Both measurements, on agents that are running.
func measure(plain: TelloAgent, recording: TelloAgent, options: Options) async throws {
    // 1. Round trips, interleaved.
    let a = try await connect(plain), b = try await connect(recording)
    _ = await exchange(a, "connect_drone", [:], id: "connect")
    _ = await exchange(b, "connect_drone", [:], id: "connect")
    var samples: ([Duration], [Duration]) = ([], [])
    for i in 0..<options.requests {
        for (connection, recorded) in [(a, false), (b, true)] {
            let start = ContinuousClock.now
            let reply = await exchange(connection, "drone_command", ["action": "get_battery"], id: "b\(i)")
            let elapsed = ContinuousClock.now - start
            precondition(reply?["success"] == true, "get_battery failed: \(reply?.text ?? "no answer")")
            if recorded { samples.1.append(elapsed) } else { samples.0.append(elapsed) }
        }
    }
    compare("drone_command get_battery round trip, \(options.requests) sequential on each agent", plain: samples.0, recorded: samples.1)

    // 1b. A command that crosses the drone link (`stop`: a datagram out, the drone's answer back), each answer awaited.
    var linked: ([Duration], [Duration]) = ([], [])
    for i in 0..<max(1, options.requests / 4) {
        for (connection, recorded) in [(a, false), (b, true)] {
            let start = ContinuousClock.now
            let reply = await exchange(connection, "drone_command", ["action": "stop"], id: "s\(i)")
            let elapsed = ContinuousClock.now - start
            precondition(reply?["action"] == "stop", "stop not answered: \(reply?.text ?? "no answer")")
            if recorded { linked.1.append(elapsed) } else { linked.0.append(elapsed) }
        }
    }
    compare("drone_command stop round trip over the drone link, \(linked.0.count) sequential on each agent",
            plain: linked.0, recorded: linked.1)

    // 2. Fan-out, rounds interleaved: a broadcast of the plain agent, then one of the recording agent.
    let fanOuts = try await fanOut(plain: plain, recording: recording, clients: options.clients, rounds: options.rounds)
    compare("drone_status fan-out to \(options.clients) clients of each agent, \(options.rounds) rounds each (broadcast call -> receipt)",
            plain: fanOuts.0, recorded: fanOuts.1)
    await a.close(code: .normalClosure, reason: "bench over")
    await b.close(code: .normalClosure, reason: "bench over")
}

let options = parseOptions()
let path = FileManager.default.temporaryDirectory.appendingPathComponent("record-bench-\(ProcessInfo.processInfo.processIdentifier).jsonl").path
defer { try? FileManager.default.removeItem(atPath: path) }
let plain = try await startAgent(record: nil, maxConnections: options.clients + 4)
let recording = try await startAgent(record: path, maxConnections: options.clients + 4)

// The recording agent runs alongside the plain one (in this task's scope), until the measurement is over.
let (stop, stopper) = AsyncStream<String>.makeStream()
async let recordingReport = recording.run(until: stop)
_ = try await plain.whileRunning { try await measure(plain: plain, recording: recording, options: options) }
stopper.yield("bench over")
_ = await recordingReport
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
say("recording: \(size) bytes written, \(recording.recorder?.droppedEvents ?? 0) events dropped")
