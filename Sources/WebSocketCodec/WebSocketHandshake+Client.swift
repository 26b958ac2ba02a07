/// Why a server's answer to our opening handshake was not a WebSocket upgrade.
public enum WebSocketClientHandshakeError: Error, Equatable, Sendable {
    /// Anything but 101: the server refused (its status is kept for the caller's log).
    case unexpectedStatus(Int)
    case missingUpgradeHeader
    case missingConnectionUpgrade
    /// The accept value does not prove the server read our key (RFC 6455 section 4.1, item 4 of the client rules).
    case acceptMismatch(expected: String, got: String?)
    /// The server chose an extension or subprotocol we never offered.
    case unrequestedNegotiation(String)
}

/// The client half of the opening handshake: a fresh key, the request head,
/// and the checks RFC 6455 section 4.1 requires of the server's answer.
public struct WebSocketClientHandshake: Sendable {
    public let host: String
    public let path: String
    public let key: String
    public let extraHeaders: [String: String]

    /// `key` is base64 of 16 random bytes, "randomly selected for each
    /// connection" (section 4.1 item 7); pass a seeded generator in tests.
    public init<G: RandomNumberGenerator>(
        host: String, path: String, extraHeaders: [String: String] = [:], using generator: inout G
    ) {
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        self.host = host
        self.path = path.isEmpty ? "/" : path
        self.key = Base64.encode(nonce)
        self.extraHeaders = extraHeaders
    }

    public init(host: String, path: String, extraHeaders: [String: String] = [:]) {
        var system = SystemRandomNumberGenerator()
        self.init(host: host, path: path, extraHeaders: extraHeaders, using: &system)
    }

    /// The complete HTTP/1.1 request head, CRLF-terminated.
    public var requestHead: [UInt8] {
        var lines = [
            "GET \(path) HTTP/1.1",
            "Host: \(host)",
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: \(key)",
            "Sec-WebSocket-Version: \(WebSocketHandshake.version)",
        ]
        for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) {
            lines.append("\(name): \(value)")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// Validates the server's response head (RFC 6455 section 4.1, the
    /// numbered list after "the client MUST validate the server's response").
    public func validate(status: Int, headers: [WebSocketHeaderField]) throws(WebSocketClientHandshakeError) {
        guard status == 101 else { throw .unexpectedStatus(status) }
        guard WebSocketHandshake.listContains("websocket", field: "Upgrade", in: headers) else {
            throw .missingUpgradeHeader
        }
        guard WebSocketHandshake.listContains("upgrade", field: "Connection", in: headers) else {
            throw .missingConnectionUpgrade
        }
        let expected = WebSocketHandshake.acceptValue(forKey: key)
        let got = WebSocketHandshake.value("Sec-WebSocket-Accept", in: headers).map { String($0.trimmingBlanks) }
        guard got == expected else { throw .acceptMismatch(expected: expected, got: got) }
        for field in ["Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol"] {
            if let value = WebSocketHandshake.value(field, in: headers), !value.isEmpty {
                throw .unrequestedNegotiation("\(field): \(value)")
            }
        }
    }
}
