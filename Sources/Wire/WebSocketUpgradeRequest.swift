import HTTPCodec
import Sockets
import WebSocketCodec

/// An opening-handshake request as the server's owner sees it, to decide
/// whether to accept: path, headers (Origin, a token), and who is asking.
public struct WebSocketUpgradeRequest: Sendable {
    public let method: String
    /// The request target as sent, e.g. `/ws?token=abc`.
    public let target: String
    public let version: String
    public let headers: [WebSocketHeaderField]
    public let remoteAddress: SocketAddress

    /// The request as the HTTP layer parsed it, and who sent it.
    public init(_ request: HTTPRequest, remoteAddress: SocketAddress) {
        method = request.method
        target = request.target
        version = "\(request.version)"
        headers = request.headers.fields.map { ($0.name, $0.value) }
        self.remoteAddress = remoteAddress
    }

    /// The target without its query or a (never valid) fragment.
    public var path: String { String(target.prefix { $0 != "?" && $0 != "#" }) }

    /// The query's value for `name`, as sent (not percent-decoded); a fragment is not part of it.
    public func queryValue(_ name: String) -> String? {
        let beforeFragment = target.prefix { $0 != "#" }
        guard let question = beforeFragment.firstIndex(of: "?") else { return nil }
        for pair in beforeFragment[beforeFragment.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// The field's value (several fields of one name joined by commas).
    public func header(_ name: String) -> String? { WebSocketHandshake.value(name, in: headers) }

    /// The browser's `Origin` (RFC 6455 section 10.2: servers that only
    /// serve their own pages must check it; non-browser clients may omit it).
    public var origin: String? { header("Origin") }
}

/// The owner's answer to an upgrade request.
public enum WebSocketUpgradeDecision: Sendable, Equatable {
    case accept
    /// Answered with this HTTP status (e.g. 403 for a foreign Origin, 401 for
    /// a missing token) and the reason as a plain-text body.
    case reject(status: Int, reason: String)
}
