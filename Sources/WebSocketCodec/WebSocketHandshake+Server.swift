/// Why an upgrade request was refused, as the HTTP response to send back.
///
/// Carries the status, a human-readable reason for the body and logs, and any
/// header RFC 6455 asks for with that status (426 must name the version we speak).
public struct WebSocketHandshakeRejection: Error, Equatable, Sendable {
    public let status: Int
    public let reason: String
    public let headers: [String: String]

    public init(status: Int, reason: String, headers: [String: String] = [:]) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }
}

extension WebSocketHandshake {
    /// Checks a client's opening handshake (RFC 6455 section 4.2.1) and returns
    /// the header fields of the `101 Switching Protocols` answer.
    ///
    /// - 405 if the method is not GET (item 1: "an HTTP/1.1 or higher GET request");
    /// - 426 with `Upgrade: websocket` if this is a plain HTTP request (no Upgrade),
    ///   and 426 with `Sec-WebSocket-Version: 13` for another version (section 4.4);
    /// - 400 for a missing Host, a Connection without `Upgrade`, or a key that is
    ///   not base64 of 16 bytes.
    ///
    /// Extensions and subprotocols are not negotiated: the response carries
    /// neither, which section 4.2.2 allows (the client then uses none).
    public static func acceptUpgrade(
        method: String, version: String = "HTTP/1.1", headers: [WebSocketHeaderField]
    ) -> Result<[WebSocketHeaderField], WebSocketHandshakeRejection> {
        guard method == "GET" else {
            return .failure(.init(status: 405, reason: "WebSocket upgrade needs GET, got \(method)", headers: ["Allow": "GET"]))
        }
        guard version != "HTTP/1.0", version.hasPrefix("HTTP/") else {
            return .failure(.init(status: 400, reason: "WebSocket upgrade needs HTTP/1.1 or higher, got \(version)"))
        }
        guard value("Host", in: headers) != nil else {
            return .failure(.init(status: 400, reason: "missing Host header"))
        }
        guard listContains("websocket", field: "Upgrade", in: headers) else {
            return .failure(.init(
                status: 426, reason: "this endpoint only speaks WebSocket (missing Upgrade: websocket)",
                headers: ["Upgrade": "websocket", "Connection": "Upgrade"]))
        }
        guard listContains("upgrade", field: "Connection", in: headers) else {
            return .failure(.init(status: 400, reason: "Connection header must contain Upgrade"))
        }
        guard value("Sec-WebSocket-Version", in: headers)?.trimmingBlanks == Self.version[...] else {
            return .failure(.init(
                status: 426, reason: "unsupported Sec-WebSocket-Version (only 13)",
                headers: ["Sec-WebSocket-Version": Self.version]))
        }
        guard let key = value("Sec-WebSocket-Key", in: headers), isValidKey(key) else {
            return .failure(.init(status: 400, reason: "Sec-WebSocket-Key must be base64 of 16 bytes"))
        }
        return .success([
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", acceptValue(forKey: String(key.trimmingBlanks))),
        ])
    }
}
