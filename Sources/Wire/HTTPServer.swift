import Clocks
import Foundation
import Logs
import Sockets

/// A small HTTP/1.1 server over `TCPListener`: routing is the handler's job
/// (see `HTTPRouter`), the server does framing, keep-alive, timeouts from an
/// injected `TimeSource`, a connection cap and graceful shutdown.
///
/// It starts accepting in `init` and prints nothing: the executable prints
/// `listening on \(server.localAddress)`. Events are logged to `logger`.
///
/// `@unchecked Sendable`: the connection table and flags are guarded by `lock`;
/// everything else is immutable.
public final class HTTPServer: @unchecked Sendable {
    /// The bound address, with the actual port when bound to port 0.
    public let localAddress: SocketAddress
    public var port: UInt16 { localAddress.port }

    let configuration: HTTPServerConfiguration
    let handler: HTTPHandler
    let time: any TimeSource
    let logger: Logger
    let listener: TCPListener

    struct Tracked {
        let connection: TCPConnection
        var task: Task<Void, Never>?
        /// Waiting for the next request, with nothing buffered: shutdown may close it at once.
        var idle = false
    }

    let lock = NSLock()
    var connections: [UInt64: Tracked] = [:]
    var nextID: UInt64 = 0
    var stopping = false
    var acceptTask: Task<Void, Never>?
    /// Shutdown waiting for the last connection to end, keyed so cancellation resumes exactly one.
    var drainWaiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
    var stopped = false

    /// Binds `address` and starts serving `handler`.
    public init(
        address: SocketAddress = .loopback(), configuration: HTTPServerConfiguration = .init(),
        time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "http"),
        reactor: Reactor = .shared, handler: @escaping HTTPHandler
    ) throws {
        listener = try TCPListener.bind(address, reactor: reactor)
        localAddress = listener.localAddress
        self.configuration = configuration
        self.time = time
        self.logger = logger
        self.handler = handler
        let task = Task { [self] in await acceptLoop() }
        lock.withLock { acceptTask = task }
    }

    /// Serves `router`.
    public convenience init(
        address: SocketAddress = .loopback(), configuration: HTTPServerConfiguration = .init(),
        time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "http"),
        reactor: Reactor = .shared, router: HTTPRouter
    ) throws {
        try self.init(address: address, configuration: configuration, time: time, logger: logger, reactor: reactor, handler: router.handler)
    }

    /// Connections currently open.
    public var connectionCount: Int { lock.withLock { connections.count } }

    private func acceptLoop() async {
        while true {
            let connection: TCPConnection
            do {
                connection = try await listener.accept()
            } catch let error as SocketError where error.isClosed {
                return
            } catch {
                // Out of fds or similar: say so and back off instead of spinning.
                logger.error("accept failed", ("error", String(describing: error)))
                try? await time.sleep(for: .milliseconds(100))
                continue
            }
            admit(connection)
        }
    }

    private func admit(_ connection: TCPConnection) {
        let id: UInt64? = lock.withLock {
            guard !stopping, connections.count < configuration.maxConnections else { return nil }
            nextID += 1
            connections[nextID] = Tracked(connection: connection)
            return nextID
        }
        guard let id else {
            logger.warning("connection refused: server full or stopping", ("client", connection.remoteAddress),
                           ("limit", configuration.maxConnections))
            Task { await refuse(connection) }
            return
        }
        logger.debug("connection opened", ("client", connection.remoteAddress))
        let task = Task { [self] in await serve(connection, id: id) }
        lock.withLock { connections[id]?.task = task }
    }

    private func refuse(_ connection: TCPConnection) async {
        await reply(Self.errorResponse(503, "server busy, try again"), andCloseGracefully: connection)
    }

    /// Marks a connection idle or busy; false means "stopping: close it now".
    func setIdle(_ id: UInt64, _ idle: Bool) -> Bool {
        lock.withLock {
            connections[id]?.idle = idle
            return !(stopping && idle)
        }
    }

    var isStopping: Bool { lock.withLock { stopping } }

    /// Called by a connection's task as it ends.
    func forget(_ id: UInt64) {
        let drained: [CheckedContinuation<Void, any Error>] = lock.withLock {
            connections.removeValue(forKey: id)
            guard connections.isEmpty else { return [] }
            defer { drainWaiters.removeAll() }
            return Array(drainWaiters.values)
        }
        for waiter in drained { waiter.resume() }
    }
}
