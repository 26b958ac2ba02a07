import Clocks
import Logs
import Sockets

/// A small HTTP/1.1 server over a `ByteStreamListener` (TCP unless given another): routing is the handler's job
/// (see `HTTPRouter`), the server does framing, keep-alive, timeouts from an
/// injected `TimeSource`, connection caps (server-wide and per remote address),
/// upgrades (a WebSocket endpoint is one of its routes) and graceful shutdown.
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
    /// Told every newcomer refused before a handler saw it (caps, 408, malformed requests).
    let refused: @Sendable (WebSocketRefusal) -> Void
    let time: any TimeSource
    /// The timers of this server's WebSocket connections (those on its clock), driven by one task.
    let webSocketDeadlines: WebSocketDeadlines
    let logger: Logger
    let listener: any ByteStreamListener

    struct Tracked {
        let connection: any ByteStream
        /// Whether it counts against `maxConnectionsPerAddress`.
        let countedPerAddress: Bool
        /// Waiting for the next request, with nothing buffered: shutdown may close it at once.
        var idle = false
        /// Upgraded: what tells its protocol that the server is going away.
        var goAway: (@Sendable () async -> Void)?
    }

    let lock = Lock()
    var connections: [UInt64: Tracked] = [:]
    /// Open connections by remote IPv4 address, for those counted per address.
    var connectionsByAddress: [UInt32: Int] = [:]
    var nextID: UInt64 = 0
    var stopping = false
    var draining = false
    var refusalLog = LogThrottle(interval: .seconds(1))
    var acceptTask: Task<Void, Never>?
    /// Shutdown waiting for the last connection to end, keyed so cancellation resumes exactly one.
    var drainWaiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
    var stopped = false
    /// `pauseListening()` stopped the listener; the accept loop waits for `resumeListening()`.
    var paused = false
    /// Pauses that drop open connections, asked for and done, counted so each waits for its own.
    var dropsRequested: UInt64 = 0
    var dropsDone: UInt64 = 0
    var dropWaiters: [DropWaiter] = []
    /// The accept loop, parked while paused.
    var acceptLoopWaiter: CheckedContinuation<Void, Never>?

    struct DropWaiter {
        let ticket: UInt64
        let continuation: CheckedContinuation<Void, Never>
    }

    /// Binds `address` and starts serving `handler`. `refused` is told each newcomer
    /// refused before the handler saw it (over a cap: at most once a second, with the
    /// count not told; 408; a malformed request), before its answer is sent.
    public convenience init(
        address: SocketAddress = .loopback(), configuration: HTTPServerConfiguration = .init(),
        time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "http"),
        reactor: Reactor = .shared, refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        handler: @escaping HTTPHandler
    ) throws {
        try self.init(listener: TCPListener.bind(address, reactor: reactor), configuration: configuration, time: time,
                      logger: logger, refused: refused, handler: handler)
    }

    /// Serves the streams `listener` accepts (a simulated network's, or TCP bound by the caller).
    public init(
        listener: any ByteStreamListener, configuration: HTTPServerConfiguration = .init(),
        time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "http"),
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in }, handler: @escaping HTTPHandler
    ) {
        self.listener = listener
        localAddress = listener.localAddress
        self.configuration = configuration
        self.time = time
        self.webSocketDeadlines = WebSocketDeadlines(time: time)
        self.logger = logger
        self.handler = handler
        self.refused = refused
        // Unstructured on purpose: the server serves from `init` until `shutdown()`,
        // which cancels and awaits this one task; every connection is its child.
        // On a simulation run's executor when there is one (docs/architecture.md, "Simulation runs").
        let task = Task(executorPreference: SimulationExecutor.current) { [self] in await acceptRounds() }
        lock.withLock { acceptTask = task }
    }

    /// Serves `router`; `refused` is told every newcomer refused before a route saw it.
    public convenience init(
        address: SocketAddress = .loopback(), configuration: HTTPServerConfiguration = .init(),
        time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "http"),
        reactor: Reactor = .shared, refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in }, router: HTTPRouter
    ) throws {
        try self.init(address: address, configuration: configuration, time: time, logger: logger, reactor: reactor,
                      refused: refused, handler: router.handler)
    }

    /// Connections currently open (upgraded ones included).
    public var connectionCount: Int { lock.withLock { connections.count } }

    /// Accepts until the listener closes, in rounds: each round's connections are
    /// children of its own group, so a pause that drops them cancels that round
    /// alone and the next round starts with a group not cancelled.
    /// Beside them runs the one driver of the WebSocket connections' timers,
    /// stopped once the last round (and so every connection) is over.
    private func acceptRounds() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [webSocketDeadlines] in await webSocketDeadlines.run() }
            while true {
                let end = await withDiscardingTaskGroup { group in await acceptLoop(&group) }
                switch end {
                case .closed:
                    finishDrop(upTo: .max)
                    webSocketDeadlines.stop()
                    return
                case .dropped(let ticket):
                    finishDrop(upTo: ticket)
                }
            }
        }
    }

    private enum RoundEnd {
        case closed
        case dropped(UInt64)
    }

    /// Accepts until the listener closes or a pause drops the round; each
    /// connection (served or refused) is a child in `group`.
    private func acceptLoop(_ group: inout DiscardingTaskGroup) async -> RoundEnd {
        while true {
            let connection: any ByteStream
            do {
                connection = try await listener.accept()
            } catch let error as SocketError where error.isClosed {
                return .closed
            } catch let error as SocketError where error.isNotListening {
                switch notListening() {
                case .drop(let ticket):
                    drop(&group)
                    return .dropped(ticket)
                case .wait:
                    await waitWhilePaused()
                case .unexpected:
                    await backOff(after: error)
                }
                continue
            } catch {
                await backOff(after: error)
                continue
            }
            admit(connection, in: &group)
        }
    }

    /// Out of fds or similar: says so and backs off instead of spinning.
    private func backOff(after error: any Error) async {
        logger.error("accept failed", ("listener", localAddress), ("error", String(describing: error)))
        try? await time.sleep(for: .milliseconds(100))
    }

    /// Marks a connection idle or busy; false means "stopping: close it now".
    func setIdle(_ id: UInt64, _ idle: Bool) -> Bool {
        lock.withLock {
            connections[id]?.idle = idle
            return !(stopping && idle)
        }
    }

    var isStopping: Bool { lock.withLock { stopping } }

    /// Keeps an upgraded connection's `goAway` for shutdown; false when shutdown has
    /// already begun (the caller runs it at once).
    func register(goAway: @escaping @Sendable () async -> Void, for id: UInt64) -> Bool {
        lock.withLock {
            guard !stopping, connections[id] != nil else { return false }
            connections[id]?.goAway = goAway
            return true
        }
    }

    /// Called by a connection's task as it ends.
    func forget(_ id: UInt64) {
        let drained: [CheckedContinuation<Void, any Error>] = lock.withLock {
            if let gone = connections.removeValue(forKey: id), gone.countedPerAddress {
                let address = gone.connection.remoteAddress.ipv4
                let left = connectionsByAddress[address, default: 1] - 1
                connectionsByAddress[address] = left > 0 ? left : nil
            }
            guard connections.isEmpty else { return [] }
            defer { drainWaiters.removeAll() }
            return Array(drainWaiters.values)
        }
        for waiter in drained { waiter.resume() }
    }
}
