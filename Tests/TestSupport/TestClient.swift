import Clocks
import Foundation
import JSONValue
import Sockets
import Wire

/// A well-behaved WebSocket client (Wire's own) that keeps every JSON
/// message it receives, for tests of what a server says: wait for the first
/// message that matches, or send a request and wait for its answer by `id`.
/// In a `Simulation` it connects over the simulation's memory network, on
/// its clock, with a seeded masking source; else over the machine's TCP.
/// `@unchecked Sendable`: `inbox` is only touched under `lock`; the connection is an actor.
public final class TestClient: @unchecked Sendable {
    public let connection: WebSocketConnection
    private let lock = NSLock()
    private var inbox: [JSONValue] = []
    private var binaryInbox: [[UInt8]] = []
    private var reader: Task<Void, Never>?

    public init(url: String, headers: [String: String] = [:]) async throws {
        if let simulation = Simulation.current {
            guard let address = Self.address(in: url) else { throw WebSocketConnectError.invalidURL(url) }
            let stream: any ByteStream
            do {
                stream = try await simulation.network.connect(to: address)
            } catch {
                throw WebSocketConnectError.connectFailed("\(address): \(error)")
            }
            let seed = UInt64(simulation.network.counters.connections)
            connection = try await WebSocketConnection.connect(to: url, over: stream, headers: headers, time: simulation.time,
                                                               random: SeededRandom(seed: seed))
        } else {
            // A bound for a broken server only: a full test run whose in-memory
            // simulations keep both cores busy can delay a loopback handshake for seconds.
            connection = try await WebSocketConnection.connect(to: url, headers: headers, handshakeTimeout: .seconds(30))
        }
        // Ends with the connection, which the test closes (or the server does).
        reader = Task(executorPreference: SimulationExecutor.current) { [connection, weak self] in
            while let message = await connection.receive() {
                if case .binary(let bytes) = message { self?.lock.withLock { self?.binaryInbox.append(bytes) } }
                guard case .text(let text) = message, let value = try? JSONValue(parsing: text) else { continue }
                self?.lock.withLock { self?.inbox.append(value) }
            }
        }
    }

    /// The address in `ws://HOST:PORT/...`.
    static func address(in url: String) -> SocketAddress? {
        guard url.lowercased().hasPrefix("ws://") else { return nil }
        let authority = url.dropFirst(5).prefix { $0 != "/" && $0 != "?" }
        let parts = authority.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else { return nil }
        return SocketAddress(host: String(parts[0]), port: port)
    }

    public var received: [JSONValue] { lock.withLock { inbox } }

    /// Every binary message received, in order (the video relay's pictures).
    public var binaries: [[UInt8]] { lock.withLock { binaryInbox } }

    public func send(_ message: JSONValue) async {
        _ = await connection.send(text: message.text)
    }

    public func send(raw text: String) async {
        _ = await connection.send(text: text)
    }

    /// The first received message satisfying `match`, waiting (bounded) for it.
    public func first(within seconds: Double = 10, _ what: String,
                      where match: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        var found: JSONValue?
        try await eventually(what, within: seconds) {
            found = received.first(where: match)
            return found != nil
        }
        return found!
    }

    public func first(type: String, within seconds: Double = 10) async throws -> JSONValue {
        try await first(within: seconds, type) { $0["type"]?.stringValue == type }
    }

    /// Sends a request and waits for its response (matched by `id`).
    public func request(_ type: String, _ data: JSONValue = [:], id: String = UUID().uuidString,
                        within seconds: Double = 20) async throws -> JSONValue {
        await send(["type": .string(type), "data": data, "id": .string(id)])
        return try await first(within: seconds, "\(type) response") { $0["id"]?.stringValue == id }
    }
}
