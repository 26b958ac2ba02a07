/// One HTTP header field as it appeared on the wire, in order.
public typealias WebSocketHeaderField = (name: String, value: String)

/// The opening handshake of RFC 6455 section 4, as pure functions over
/// already-parsed HTTP heads: no sockets, so every rule is unit-tested.
public enum WebSocketHandshake {
    /// RFC 6455 section 1.3: the GUID appended to the client's key before hashing.
    public static let acceptGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The only version RFC 6455 defines (section 4.1, item 9).
    public static let version = "13"

    /// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`: base64(SHA-1(key + GUID)),
    /// RFC 6455 section 4.2.2 item 5.4.
    public static func acceptValue(forKey key: String) -> String {
        Base64.encode(SHA1.digest(Array((key + acceptGUID).utf8)))
    }

    /// The comma-joined values of every field named `name` (case-insensitive),
    /// as RFC 9110 section 5.3 allows a recipient to combine them; nil if absent.
    package static func value(_ name: String, in headers: [WebSocketHeaderField]) -> String? {
        let values = headers.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// True if the comma-separated list in field `name` holds `token`
    /// (case-insensitive), e.g. `Connection: keep-alive, Upgrade`.
    static func listContains(_ token: String, field name: String, in headers: [WebSocketHeaderField]) -> Bool {
        guard let list = value(name, in: headers) else { return false }
        return list.split(separator: ",").contains {
            String($0).trimmingBlanks.equalsIgnoringASCIICase(token)
        }
    }

    /// RFC 6455 section 4.1 item 7: the key is a base64-encoded 16-byte nonce.
    static func isValidKey(_ key: String) -> Bool {
        Base64.decode(String(key.trimmingBlanks))?.count == 16
    }
}
