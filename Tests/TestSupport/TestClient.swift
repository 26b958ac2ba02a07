import Foundation
import JSONValue
import Wire

/// A well-behaved WebSocket client (Wire's own) that keeps every JSON
/// message it receives, for tests of what a server says: wait for the first
/// message that matches, or send a request and wait for its answer by `id`.
/// `@unchecked Sendable`: `inbox` is only touched under `lock`; the connection is an actor.
public final class TestClient: @unchecked Sendable {
    public let connection: WebSocketConnection
    private let lock = NSLock()
    private var inbox: [JSONValue] = []
    private var binaryInbox: [[UInt8]] = []
    private var reader: Task<Void, Never>?

    public init(url: String, headers: [String: String] = [:]) async throws {
        connection = try await WebSocketConnection.connect(to: url, headers: headers)
        // Ends with the connection, which the test closes (or the server does).
        reader = Task { [connection, weak self] in
            while let message = await connection.receive() {
                if case .binary(let bytes) = message { self?.lock.withLock { self?.binaryInbox.append(bytes) } }
                guard case .text(let text) = message, let value = try? JSONValue(parsing: text) else { continue }
                self?.lock.withLock { self?.inbox.append(value) }
            }
        }
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
