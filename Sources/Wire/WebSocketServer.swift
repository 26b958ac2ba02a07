import Clocks
import Foundation
import HTTPCodec
import Logs
import Sockets
import WebSocketCodec

/// A WebSocket server: a TCP listener, the handshake for each newcomer (in
/// its own task, so a slow client never holds up the others), and the
/// owner's handler for each open connection.
///
/// The handler owns its connection; when it returns without closing, the
/// connection is closed with 1000. A handler that fails should close with
/// 1011 itself first (RFC 6455 section 7.4.1: "unexpected condition").
///
/// Connections are capped server-wide and per remote address, and a newcomer
/// that does not complete its upgrade request in time is answered 408 and
/// closed (see `WebSocketServerLimits`).
///
/// `@unchecked Sendable`: the registry of open connections and the counters
/// are guarded by `lock`; everything else is immutable.
public final class WebSocketServer: @unchecked Sendable {
    public typealias Handler = @Sendable (WebSocketConnection, WebSocketUpgradeRequest) async -> Void
    /// Answers a request that asked for no upgrade (a browser loading a page) on
    /// its TCP connection, and closes it. Without one, such requests get 426.
    public typealias PlainRequestHandler = @Sendable (HTTPRequest, TCPConnection) async -> Void

    /// Linux's default soft limit on open files (`ulimit -n`) is 1024: past it
    /// `accept` fails for everyone, so newcomers get a clear 503 before that.
    public static let defaultMaxConnections = 1000
    /// One remote address may hold 32 connections (handshakes included): a browser
    /// needs one per tab, a classroom behind one NAT a few dozen, and one host that
    /// opens and idles hundreds cannot fill `defaultMaxConnections` for everyone.
    public static let defaultMaxConnectionsPerAddress = 32

    private let listener: TCPListener
    public let localAddress: SocketAddress
    public let limits: WebSocketServerLimits
    private let logger: Logger

    private let lock = NSLock()
    /// Accepted TCP connections, in handshake or open.
    private var active = 0
    /// The same, by remote IPv4 address, for those `limits` counts per address.
    private var activeByAddress: [UInt32: Int] = [:]
    private var open: [ObjectIdentifier: WebSocketConnection] = [:]
    private var stopping = false
    private var refusalLog = LogThrottle(interval: .seconds(1))

    private init(listener: TCPListener, limits: WebSocketServerLimits, logger: Logger) {
        self.listener = listener
        self.localAddress = listener.localAddress
        self.limits = limits
        self.logger = logger
    }

    /// Binds `address` (port 0 picks one; see `localAddress`) and starts accepting.
    /// Every newcomer that does not reach `handler` is told to `refused` (cap
    /// refusals at most once a second), before its answer is sent.
    public static func start(
        on address: SocketAddress,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        limits: WebSocketServerLimits = .init(),
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        plainRequest: PlainRequestHandler? = nil,
        handler: @escaping Handler
    ) throws -> WebSocketServer {
        let server = WebSocketServer(listener: try TCPListener.bind(address), limits: limits, logger: logger)
        Task {
            await server.acceptLoop(configuration: configuration, time: time, refused: refused, decide: decide,
                                    plainRequest: plainRequest, handler: handler)
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
        configuration: WebSocketConfiguration, time: any TimeSource, refused: @escaping @Sendable (WebSocketRefusal) -> Void,
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision,
        plainRequest: PlainRequestHandler?, handler: @escaping Handler
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
            let client = tcp.remoteAddress
            let counted = limits.countsPerAddress(client)
            let now = time.now
            let refusal: (Refusal, unsaid: Int?)? = lock.withLock {
                let refusal: Refusal? = if stopping {
                    .stopping
                } else if active >= limits.total {
                    .full
                } else if counted && activeByAddress[client.ipv4, default: 0] >= limits.perAddress {
                    .addressFull
                } else {
                    nil
                }
                if let refusal { return (refusal, refusalLog.say(at: now)) }
                active += 1
                if counted { activeByAddress[client.ipv4, default: 0] += 1 }
                return nil
            }
            Task {
                if let refusal {
                    return await refuse(tcp, refusal.0, unsaid: refusal.unsaid, configuration: configuration, refused: refused)
                }
                defer { release(client, counted: counted) }
                guard case .success(let (connection, request)) = await WebSocketConnection.accept(
                    tcp, configuration: configuration, time: time, logger: logger,
                    handshakeTimeout: limits.handshakeTimeout, refused: refused, decide: decide,
                    plainRequest: plainRequest) else { return }
                let id = ObjectIdentifier(connection)
                let registered: Bool = lock.withLock {
                    guard !stopping else { return false }
                    open[id] = connection
                    return true
                }
                if registered {
                    await handler(connection, request)
                } else {
                    // Open, but too late for the handler: the owner never sees it, so it is told as a refusal.
                    let late = WebSocketRefusal(client: client, cause: .stopping, status: nil, reason: "server shutting down",
                                                path: request.path, origin: request.origin)
                    WebSocketConnection.logRefusal(late, logger: logger, configuration: configuration)
                    refused(late)
                }
                await connection.close(code: registered ? .normalClosure : .goingAway)
                _ = await connection.closed()
                lock.withLock { _ = open.removeValue(forKey: id) }
            }
        }
    }

    private func release(_ client: SocketAddress, counted: Bool) {
        lock.withLock {
            active -= 1
            guard counted else { return }
            let left = activeByAddress[client.ipv4, default: 1] - 1
            activeByAddress[client.ipv4] = left > 0 ? left : nil
        }
    }

    private enum Refusal {
        case stopping, full, addressFull
    }

    /// Over a cap or shutting down: a plain 503 the client can show, then close.
    /// Reported and logged at most once a second (`unsaid` nil: quiet), with the count of those not reported.
    private func refuse(_ tcp: TCPConnection, _ refusal: Refusal, unsaid: Int?, configuration: WebSocketConfiguration,
                        refused: @Sendable (WebSocketRefusal) -> Void) async {
        let (cause, reason): (WebSocketRefusal.Cause, String) = switch refusal {
        case .stopping: (.stopping, "server shutting down")
        case .full: (.serverFull, "server full (\(limits.total) connections)")
        case .addressFull: (.addressFull, "too many connections from your address (\(limits.perAddress))")
        }
        if let unsaid {
            let report = WebSocketRefusal(client: tcp.remoteAddress, cause: cause, status: 503, reason: reason, unreported: unsaid)
            WebSocketConnection.logRefusal(report, logger: logger, configuration: configuration)
            refused(report)
        }
        try? await tcp.write(WebSocketHandshake.errorResponse(WebSocketHandshakeRejection(status: 503, reason: reason, headers: ["Retry-After": "1"])))
        try? tcp.shutdownWrite()
        tcp.close()
    }
}
