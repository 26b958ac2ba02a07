import Agent
import Clocks
import Foundation
import Logs
import Planner
import Sockets
import Testing
import TestSupport
import WebSocketCodec
import Wire

/// Each connection event is one line at info or above, whichever component
/// would write it: the agent's, with the client's address. The lines are
/// counted across every component (by the address in any field), so a second
/// line about the same event, under any wording, fails these tests. Every
/// count waits first for the WebSocket layer's own debug line, written before
/// the agent's, so no line about the event can still be on its way.
@Suite struct LoggedOnceTests {
    @Test func aClientClosingWith1000IsOneLineAtInfoWithCodeAndReason() async throws {
        try await FrontRig.with { rig in
            let client = try await TestClient(url: rig.url, headers: [:])
            _ = try await client.first(type: "connection_established")
            await client.connection.close(code: .normalClosure, reason: "page closed")
            let address = client.connection.localAddress
            try await rig.waitFor("client disconnected", about: address, andDebug: "websocket closed")
            let lines = rig.lines(about: address)
            #expect(lines.map(\.message) == ["client connected", "client disconnected"], "\(lines.map(\.formatted))")
            let close = try #require(lines.last)
            #expect(close.level == .info)
            #expect(close.component == "agent")
            #expect(close[field: "code"] == "1000")
            #expect(close[field: "reason"] == "page closed")
            #expect(close[field: "initiator"] == "remote")
            #expect(lines.allSatisfy { $0.fields.first == LogField("client", "\(address)") }, "the session's address is bound first")
        }
    }

    @Test func requestsOfASessionCarryItsAddress() async throws {
        try await FrontRig.with { rig in
            let client = try await TestClient(url: rig.url, headers: [:])
            await client.send(raw: "{not json")
            _ = try await client.first(type: "error")
            _ = try await client.request("get_status")
            let address = client.connection.localAddress
            let lines = rig.lines(about: address)
            #expect(lines.map(\.message) == ["client connected", "bad message", "request"], "\(lines.map(\.formatted))")
            #expect(lines.allSatisfy { $0.fields.first == LogField("client", "\(address)") })
        }
    }

    @Test(arguments: [
        (Refused.foreignOrigin, "rejected", "403"), (.missingToken, "rejected", "401"),
        (.badHandshake, "bad_handshake", "426"), (.handshakeTimeout, "handshake_timeout", "408"),
        (.abandoned, "handshake_abandoned", "none"), (.addressFull, "address_full", "503"), (.serverFull, "server_full", "503"),
    ])
    func aRefusalIsOneWarningFromTheAgent(_ refused: Refused, cause: String, status: String) async throws {
        var limits = WebSocketServerLimits(handshakeTimeout: .milliseconds(300))
        if refused == .addressFull {
            limits.perAddress = 1
            limits.perAddressCountsLoopback = true
        }
        if refused == .serverFull { limits.total = 1 }
        try await FrontRig.with(serverLimits: limits, access: AccessPolicy(token: "s3cret")) { rig in
            let holder: TestClient? = [.addressFull, .serverFull].contains(refused)
                ? try await TestClient(url: rig.url + "?token=s3cret", headers: [:]) : nil
            _ = try await holder?.first(type: "connection_established")
            let address = try await refused.attempt(on: rig.address)
            try await rig.waitFor("connection refused", about: address, andDebug: "connection refused")
            let lines = rig.lines(about: address)
            #expect(lines.count == 1, "\(lines.map(\.formatted))")
            #expect(lines.first?.component == "agent")
            #expect(lines.first?.level == .warning)
            #expect(lines.first?[field: "cause"] == cause)
            #expect(lines.first?[field: "status"] == status)
            #expect(!rig.logs.lines.joined().contains("s3cret"))
        }
    }

    @Test func aClientOverTheAgentsOwnCapIsOneWarning() async throws {
        var limits = AgentServer.Limits()
        limits.connections = 1
        try await FrontRig.with(limits: limits) { rig in
            let first = try await TestClient(url: rig.url, headers: [:])
            _ = try await first.first(type: "connection_established")
            let second = try await TestClient(url: rig.url, headers: [:])
            #expect(try await within(10) { await second.connection.closed() }.reportedCode == .tryAgainLater)
            let address = second.connection.localAddress
            try await rig.waitFor("connection refused", about: address, andDebug: "websocket closed")
            let lines = rig.lines(about: address)
            #expect(lines.map(\.message) == ["connection refused"], "\(lines.map(\.formatted))")
            #expect(lines.first?[field: "cause"] == "too_many_clients")
            #expect(lines.first?[field: "code"] == "1013")
        }
    }
}

/// Ways a newcomer is refused before it becomes a session.
enum Refused: Sendable, CaseIterable {
    case foreignOrigin, missingToken, badHandshake, handshakeTimeout, abandoned, addressFull, serverFull

    /// Makes the attempt and returns the client's address as the agent sees it.
    /// Once the answer has come the refusal is logged: it is told before the answer is sent.
    func attempt(on address: SocketAddress) async throws -> SocketAddress {
        let handshake = WebSocketClientHandshake(host: "\(address)", path: "/?token=s3cret").requestHead
        let (path, headers, head): (String, [String: String], [UInt8]?) = switch self {
        case .foreignOrigin: ("/?token=s3cret", ["Origin": "https://elsewhere.example"], nil)
        case .missingToken: ("/", [:], nil)
        case .badHandshake: ("/", [:], Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        case .handshakeTimeout: ("/", [:], Array(handshake.prefix(20)))
        case .addressFull, .serverFull: ("/?token=s3cret", [:], nil)
        case .abandoned: ("/", [:], nil)
        }
        if self == .abandoned {
            let tcp: any ByteStream = if let simulation = Simulation.current {
                try await simulation.network.connect(to: address)
            } else {
                try await TCPConnection.connect(to: address)
            }
            tcp.close()
            return tcp.localAddress
        }
        let (client, status, _) = try await within(10, "the refusal") {
            try await RawWebSocketClient.connect(to: address, path: path, headers: headers, requestHead: head)
        }
        #expect(status != 101)
        client.tcp.close()
        return client.tcp.localAddress
    }
}

/// The agent's WebSocket front alone, an in-memory drone behind it, with the
/// limits and access a test sets; its log at debug, in memory. It runs in a
/// `Simulation`: the clients reach it over the memory network, and the
/// handshake and close timeouts pass in virtual time.
struct FrontRig: Sendable {
    let server: AgentServer
    let logs: MemorySink
    var address: SocketAddress { server.localAddress }
    var url: String { "ws://\(address)/" }

    static func with(serverLimits: WebSocketServerLimits = .init(), limits: AgentServer.Limits = .init(),
                     access: AccessPolicy = AccessPolicy(), _ body: @escaping @Sendable (FrontRig) async throws -> Void) async throws {
        try await Simulation.run(name: "front") { simulation in
            try await start(in: simulation, serverLimits: serverLimits, limits: limits, access: access, body)
        }
    }

    private static func start(in simulation: Simulation, serverLimits: WebSocketServerLimits, limits: AgentServer.Limits,
                              access: AccessPolicy, _ body: (FrontRig) async throws -> Void) async throws {
        let logs = MemorySink()
        let logger = Logger(component: "test", minimumLevel: .debug, sink: logs)
        let time = simulation.time
        let drone = Drone(link: DroneLink(transport: FakeTello(), time: time, logger: logger.named("dronelink")),
                          time: time, logger: logger.named("drone"))
        let executor = Executor(drone: drone, time: time, pause: .zero, logger: logger.named("executor")) { _ in }
        let router = RequestRouter(drone: drone, executor: executor, planners: FixedPlannerChoice(chosen: OfflinePlanner()),
                                   logger: logger.named("router")) { _ in }
        let server = try AgentServer.start(on: .loopback(port: 0), router: router, access: access, limits: limits,
                                           serverLimits: serverLimits, network: simulation.network, time: time,
                                           logger: logger.named("agent"))
        try await withTeardown({ await server.close() }) {
            try await body(FrontRig(server: server, logs: logs))
        }
    }

    /// Lines at info or above, from any component, with `address` as the value of any field.
    func lines(about address: SocketAddress) -> [LogRecord] {
        logs.records.filter { record in record.level >= .info && record.fields.contains { $0.value == "\(address)" } }
    }

    /// Waits (bounded) for the agent's `message` about `address` and the WebSocket layer's debug line `wire`.
    func waitFor(_ message: String, about address: SocketAddress, andDebug wire: String) async throws {
        func seen(_ component: String, _ message: String) -> Bool {
            logs.records.contains { $0.component == component && $0.message == message && $0[field: "client"] == "\(address)" }
        }
        try await eventually("\(message) and the debug \(wire) about \(address)", within: 10) {
            seen("agent", message) && seen("websocket", wire)
        }
    }
}
