import Agent
import AgentAssembly
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import TelloSim
import Testing
import Wire

/// A whole agent on port 0 flying its embedded simulator over loopback UDP,
/// on a clock five times faster than real (takeoff 1 s, reply timeouts 1.4 s).
struct AgentHarness {
    let agent: TelloAgent
    let logs: MemorySink
    var url: String { "ws://\(agent.address)/" }

    /// The agent, started but not yet running: `with` runs it.
    private static func start(scale: Double = 5, _ configure: (inout AgentOptions) -> Void = { _ in },
                      simulator: SimulatedTello.Configuration = .init()) async throws -> AgentHarness {
        var options = AgentOptions()
        options.port = 0
        options.stepPause = .milliseconds(200)
        options.statusInterval = .milliseconds(500)
        options.backend = "http://127.0.0.1:9"  // discard port: analyses stay queued, nothing listens
        options.shutdownGrace = .seconds(10)  // a teardown that hangs fails its test soon
        configure(&options)
        let logs = MemorySink()
        let agent = try await TelloAgent.start(options, environment: [:], time: SystemTime(scale: scale),
                                               logger: Logger(component: "test", minimumLevel: .debug, sink: logs),
                                               simulator: simulator)
        return AgentHarness(agent: agent, logs: logs)
    }

    func client(headers: [String: String] = [:], path: String = "/") async throws -> TestClient {
        try await TestClient(url: "ws://\(agent.address)\(path)", headers: headers)
    }

    /// Log records of component `agent` with `message`.
    func records(_ message: String) -> [LogRecord] {
        logs.records.filter { $0.component == "agent" && $0.message == message }
    }

    /// Waits (bounded) until at least `count` such records were logged, and returns them.
    func records(_ message: String, atLeast count: Int) async throws -> [LogRecord] {
        try await within(10) {
            while records(message).count < count { try await Task.sleep(for: .milliseconds(2)) }
            return records(message)
        }
    }
}

/// A WebSocket client (our Wire client) that keeps every message it receives.
final class TestClient: @unchecked Sendable {
    // @unchecked Sendable: `inbox` is only touched under `lock`; the connection is an actor.
    let connection: WebSocketConnection
    private let lock = NSLock()
    private var inbox: [JSONValue] = []
    private var reader: Task<Void, Never>?

    init(url: String, headers: [String: String]) async throws {
        connection = try await WebSocketConnection.connect(to: url, headers: headers)
        reader = Task { [connection, weak self] in
            while let message = await connection.receive() {
                guard case .text(let text) = message, let value = try? JSONValue(parsing: text) else { continue }
                self?.lock.withLock { self?.inbox.append(value) }
            }
        }
    }

    var received: [JSONValue] { lock.withLock { inbox } }

    func send(_ message: JSONValue) async {
        _ = await connection.send(text: message.text)
    }

    func send(raw text: String) async {
        _ = await connection.send(text: text)
    }

    /// The first received message satisfying `match`, waiting (bounded) for it.
    func first(within seconds: Double = 10, _ what: String, where match: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let found = received.first(where: match) { return found }
            try await Task.sleep(for: .milliseconds(2))
        }
        throw Timeout(what: what)
    }

    func first(type: String, within seconds: Double = 10) async throws -> JSONValue {
        try await first(within: seconds, type) { $0["type"]?.stringValue == type }
    }

    /// Sends a request and waits for its response (matched by `id`).
    func request(_ type: String, _ data: JSONValue = [:], id: String = UUID().uuidString, within seconds: Double = 20) async throws -> JSONValue {
        await send(["type": .string(type), "data": data, "id": .string(id)])
        return try await first(within: seconds, "\(type) response") { $0["id"]?.stringValue == id }
    }
}

struct Timeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// A hand-driven WebSocket client over raw TCP, for what a well-behaved
/// client never does: a Close frame without status, vanishing, protocol
/// errors, never reading, pings by hand.
final class RawClient: @unchecked Sendable {
    // @unchecked Sendable: `decoder` and `frames` are only touched under `lock`.
    let tcp: TCPConnection
    private let lock = NSLock()
    private var decoder = WebSocketFrameDecoder(role: .client)
    private var frames: [WebSocketFrame] = []

    init(address: SocketAddress) async throws {
        tcp = try await TCPConnection.connect(to: address)
        try await tcp.write(WebSocketClientHandshake(host: "\(address)", path: "/").requestHead)
        var head: [UInt8] = []
        while true {
            let chunk = try await tcp.read()
            guard !chunk.isEmpty else { throw Timeout(what: "handshake response") }
            head += chunk
            if let end = head.firstRange(of: Array("\r\n\r\n".utf8)) {
                lock.withLock { decoder.append(head[end.upperBound...]) }
                break
            }
        }
    }

    func write(_ frame: WebSocketFrame) async throws {
        try await tcp.write(WebSocketFrameEncoder.encode(frame, maskingKey: (1, 2, 3, 4)))
    }

    func writeBytes(_ bytes: [UInt8]) async throws { try await tcp.write(bytes) }

    /// Reads frames until one satisfies `match` (bounded by the caller's test timeout).
    func readFrame(where match: (WebSocketFrame) -> Bool) async throws -> WebSocketFrame {
        while true {
            if let frame = lock.withLock({ () -> WebSocketFrame? in
                while let next = try? decoder.nextFrame() { frames.append(next) }
                guard let index = frames.firstIndex(where: match) else { return nil }
                return frames.remove(at: index)
            }) {
                return frame
            }
            let chunk = try await tcp.read()
            guard !chunk.isEmpty else { throw Timeout(what: "frame before end of stream") }
            lock.withLock { decoder.append(chunk) }
        }
    }
}

/// Runs `body` with a real-time bound; fails the test by throwing when it is exceeded.
func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw Timeout(what: "\(seconds) s bound")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

extension AgentHarness {
    /// Starts an agent, runs `body` with it while it runs, then shuts it down
    /// as a signal would and awaits every part's end; a shutdown that overran
    /// its grace period or a part that failed fails the test.
    static func with<T: Sendable>(scale: Double = 5, _ configure: (inout AgentOptions) -> Void = { _ in },
                                  simulator: SimulatedTello.Configuration = .init(),
                                  _ body: (AgentHarness) async throws -> T) async throws -> T {
        let rig = try await start(scale: scale, configure, simulator: simulator)
        let (result, report) = try await rig.agent.whileRunning { try await body(rig) }
        guard report.isClean else { throw UncleanShutdown(report: report) }
        return result
    }
}

/// The agent's shutdown overran its grace period, or a part of it failed.
struct UncleanShutdown: Error, CustomStringConvertible {
    let report: ServiceGroup.Report
    var description: String {
        "shutdown not clean: overran \(report.overran), failed \(report.failures.map { "\($0.service): \($0.error)" })"
    }
}
