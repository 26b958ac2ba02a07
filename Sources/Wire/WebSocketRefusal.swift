import Sockets

/// A newcomer a `WebSocketServer` did not turn into a connection for its
/// handler: over a cap, during shutdown, a failed handshake, or refused by
/// the owner's `decide`. Handed to the owner's `refused` callback, so the
/// application, which knows what a refusal means for it, writes the one log
/// line about it (this layer's own line is then at debug).
public struct WebSocketRefusal: Sendable, Equatable, CustomStringConvertible {
    public enum Cause: String, Sendable {
        /// The server is shutting down (before or right after the handshake).
        case stopping
        /// `WebSocketServerLimits.total` connections are already held.
        case serverFull = "server_full"
        /// The client's address already holds `WebSocketServerLimits.perAddress`.
        case addressFull = "address_full"
        /// No complete upgrade request within the handshake timeout.
        case handshakeTimeout = "handshake_timeout"
        /// The peer left before finishing its upgrade request.
        case handshakeAbandoned = "handshake_abandoned"
        /// Not a valid WebSocket upgrade request.
        case badHandshake = "bad_handshake"
        /// The owner's `decide` refused it (Origin, token...).
        case rejected
    }

    public let client: SocketAddress
    public let cause: Cause
    /// The HTTP status answered, or nil when there was none to answer (the
    /// peer had left, or the connection was already open and got Close 1001).
    public let status: Int?
    public let reason: String
    /// Path and `Origin` of the upgrade request, when one was read.
    public let path: String?
    public let origin: String?
    /// Cap refusals are reported at most once a second: how many were not
    /// reported since the last one (always 0 for the other causes).
    public let unreported: Int

    public init(client: SocketAddress, cause: Cause, status: Int?, reason: String,
                path: String? = nil, origin: String? = nil, unreported: Int = 0) {
        self.client = client
        self.cause = cause
        self.status = status
        self.reason = reason
        self.path = path
        self.origin = origin
        self.unreported = unreported
    }

    public var description: String {
        "\(cause.rawValue) (\(status.map(String.init) ?? "no answer")): \(reason)"
    }

    /// Client, cause, status and reason, then path, origin and the unreported
    /// count where they apply: the fields of a log line about this refusal.
    public var logFields: [(String, any CustomStringConvertible)] {
        var fields: [(String, any CustomStringConvertible)] = [
            ("client", client), ("cause", cause.rawValue), ("status", status.map(String.init) ?? "none"), ("reason", reason),
        ]
        if let path { fields.append(("path", path)) }
        if let origin { fields.append(("origin", origin)) }
        if unreported > 0 { fields.append(("unlogged_refusals", unreported)) }
        return fields
    }
}
