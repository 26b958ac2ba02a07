import HTTPCodec
import Sockets

/// What a handler does with a request: answer it, or one of the behaviours
/// mocks need to imitate broken servers.
public enum HTTPReply: Sendable {
    /// Send this response (keep-alive rules then decide whether the connection stays open).
    case response(HTTPResponse)
    /// Close the connection without replying (FIN): "the server went away mid-request".
    case close
    /// Reset the connection without replying (RST): "the server crashed".
    case reset
    /// Write these bytes verbatim, then close: malformed or truncated responses.
    case raw([UInt8])
    /// Send the response (e.g. 101 Switching Protocols), then hand the connection
    /// and any bytes already read past the request to `takeover`, which serves it for
    /// its lifetime (the server closes it when `takeover` returns, and cancels it on shutdown).
    case upgrade(HTTPResponse, takeover: @Sendable (HTTPUpgradedConnection) async -> Void)
    /// Hand the connection over without a response: `serve` writes its own, e.g. a
    /// body streamed until the client leaves (the server closes the connection when
    /// `serve` returns, and cancels it on shutdown).
    case takeover(@Sendable (HTTPUpgradedConnection) async -> Void)
}

/// Serves one request that arrived on `connection`. Throwing answers 500 (and is
/// logged); handlers that wait must honour task cancellation, which is how shutdown ends them.
public typealias HTTPHandler = @Sendable (_ request: HTTPRequest, _ connection: HTTPConnectionInfo) async throws -> HTTPReply

/// The connection a request arrived on: who sent it (for per-client decisions
/// and logs) and the address it reached.
public struct HTTPConnectionInfo: Sendable, Equatable {
    public let remoteAddress: SocketAddress
    public let localAddress: SocketAddress

    public init(remoteAddress: SocketAddress, localAddress: SocketAddress) {
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
    }
}

/// A connection an `HTTPServer` handed over after an upgrade response: the
/// socket, the bytes the server already read past the request (the new
/// protocol's first bytes), and the server's shutdown notice.
public struct HTTPUpgradedConnection: Sendable {
    public let stream: any ByteStream
    public let bufferedBytes: [UInt8]
    let server: HTTPServer
    let id: UInt64

    /// Runs `goAway` when the server begins to shut down (at once if it already
    /// has): the protocol's own "going away" (a WebSocket Close 1001), so the
    /// connection can end before the server's shutdown grace is over. The
    /// server awaits every `goAway` before `beginShutdown()` returns. False when
    /// shutdown had already begun (and `goAway` has run).
    @discardableResult
    public func onServerShutdown(_ goAway: @escaping @Sendable () async -> Void) async -> Bool {
        if server.register(goAway: goAway, for: id) { return true }
        await goAway()
        return false
    }
}
