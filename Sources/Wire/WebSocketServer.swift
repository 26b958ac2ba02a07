import Clocks
import Foundation
import Logs

/// A WebSocket server: a TCP listener, the handshake for each newcomer (in
/// its own task, so a slow client never holds up the others), and the
/// owner's handler for each open connection.
///
/// The handler owns its connection; when it returns without closing, the
/// connection is closed with 1000. A handler that fails should close with
/// 1011 itself first (RFC 6455 section 7.4.1: "unexpected condition").
///
/// `@unchecked Sendable`: the registry of open connections and the counters
/// are guarded by `lock`; everything else is immutable.
public final class WebSocketServer: @unchecked Sendable {
    public typealias Handler = @Sendable (WebSocketConnection, WebSocketUpgradeRequest) async -> Void

    /// Linux's default soft limit on open files (`ulimit -n`) is 1024: past it
    /// `accept` fails for everyone, so newcomers get a clear 503 before that.
    public static let defaultMaxConnections = 1000
    /// One remote address may hold 32 connections (handshakes included): a browser
    /// needs one per tab, a classroom behind one NAT a few dozen, and one host that
    /// opens and idles hundreds cannot fill `defaultMaxConnections` for everyone.
    public static let defaultMaxConnectionsPerAddress = 32

    private let listener: TCPListener
    public let localAddress: SocketAddress
    private let maxConnections: Int
    private let logger: Logger

    private let lock = NSLock()
    /// Accepted TCP connections, in handshake or open.
    private var active = 0
    private var open: [ObjectIdentifier: WebSocketConnection] = [:]
    private var stopping = false

    private init(listener: TCPListener, maxConnections: Int, logger: Logger) {
        self.listener = listener
        self.localAddress = listener.localAddress
        self.maxConnections = maxConnections
        self.logger = logger
    }

    /// Binds `address` (port 0 picks one; see `localAddress`) and starts accepting.
    public static func start(
        on address: SocketAddress,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        maxConnections: Int = defaultMaxConnections,
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        handler: @escaping Handler
    ) throws -> WebSocketServer {
        let server = WebSocketServer(listener: try TCPListener.bind(address), maxConnections: maxConnections, logger: logger)
        Task {
            await server.acceptLoop(configuration: configuration, time: time, decide: decide, handler: handler)
        }
        return server
    }

    /// Connections accepted and not yet over (handshakes included).
    public var connectionCount: Int { lock.withLock { active } }

    /// Stops accepting; open connections are left to their handlers.
    public func close() { listener.close() }

    /// Shuts down in order: stop accepting, send every open connection a
    /// Close (1001 "going away" by default, RFC 6455 section 7.4.1), then wait
    /// until each is over. Each connection's close timeout bounds the wait, so
    /// a peer that never answers cannot hold shutdown up.
    public func shutdown(code: WebSocketCloseCode = .goingAway, reason: String = "server shutting down") async {
        let connections: [WebSocketConnection] = lock.withLock {
            stopping = true
            return Array(open.values)
        }
        listener.close()
        for connection in connections { await connection.close(code: code, reason: reason) }
        for connection in connections { _ = await connection.closed() }
    }

    private func acceptLoop(
        configuration: WebSocketConfiguration, time: any TimeSource,
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision, handler: @escaping Handler
    ) async {
        while true {
            let tcp: TCPConnection
            do {
                tcp = try await listener.accept()
            } catch let error as SocketError where error.isClosed {
                return
            } catch {
                // EMFILE and friends: say so and back off instead of spinning.
                logger.error("accept failed", ("listener", localAddress), ("error", "\(error)"))
                try? await time.sleep(for: .milliseconds(100))
                continue
            }
            let admitted: Bool = lock.withLock {
                guard !stopping && active < maxConnections else { return false }
                active += 1
                return true
            }
            Task {
                guard admitted else { return await refuse(tcp) }
                defer { lock.withLock { active -= 1 } }
                guard case .success(let (connection, request)) = await WebSocketConnection.accept(
                    tcp, configuration: configuration, time: time, logger: logger, decide: decide) else { return }
                let id = ObjectIdentifier(connection)
                let registered: Bool = lock.withLock {
                    guard !stopping else { return false }
                    open[id] = connection
                    return true
                }
                if registered { await handler(connection, request) }
                await connection.close(code: registered ? .normalClosure : .goingAway)
                _ = await connection.closed()
                lock.withLock { _ = open.removeValue(forKey: id) }
            }
        }
    }

    /// Over the cap or shutting down: a plain 503 the client can show, then close.
    private func refuse(_ tcp: TCPConnection) async {
        logger.warning("connection refused: server full or stopping", ("client", tcp.remoteAddress), ("limit", maxConnections))
        let reason = stoppingNow ? "server shutting down" : "server full (\(maxConnections) connections)"
        try? await tcp.write(WebSocketHandshake.errorResponse(WebSocketHandshakeRejection(status: 503, reason: reason, headers: ["Retry-After": "1"])))
        try? tcp.shutdownWrite()
        tcp.close()
    }

    private var stoppingNow: Bool { lock.withLock { stopping } }
}
