import Dispatch
import Glibc
import Logs
import Sockets
import WebSocketCodec
import Wire

/// Echoes every message back on the connection it came from.
enum EchoServer {
    static func run(on address: SocketAddress, maxMessage: Int, handlersOnReactor: Bool, receiveLoop: Bool, logger: Logger) async {
        let configuration = WebSocketConfiguration(maxFrameSize: maxMessage, maxMessageSize: maxMessage)
        var limits = WebSocketServerLimits()
        // The handler only echoes: it never blocks, so it may run where its socket is read.
        limits.runsHandlersOnReactor = handlersOnReactor
        let server: WebSocketServer
        do {
            let endpoint: WebSocketEndpoint = if receiveLoop {
                .task { connection, _ in await echoReceiving(on: connection, logger: logger) }
            } else {
                .messages { connection, message in echo(message, on: connection, logger: logger) }
            }
            server = try WebSocketServer.start(on: address, configuration: configuration, logger: logger, limits: limits,
                                               endpoint: endpoint)
        } catch {
            StandardStreams.error("wire-echo: cannot listen on \(address): \(error)\n")
            exit(1)
        }
        StandardStreams.out("listening on \(server.localAddress)\n")
        let signal = await firstTerminationSignal()
        logger.info("shutting down", ("signal", signal), ("connections", server.connectionCount))
        await server.shutdown()
    }

    /// The handler's task waits in `receive` for each message, on the
    /// connection's actor (`isolated`), so its `receive` and `send` are calls
    /// on the actor it is already on; each message still wakes that task.
    private static func echoReceiving(on connection: isolated WebSocketConnection, logger: Logger) async {
        while let message = await connection.receive() {
            echo(message, on: connection, logger: logger)
        }
    }

    private static func echo(_ message: WebSocketMessage, on connection: isolated WebSocketConnection, logger: Logger) {
        if case .notSent(let reason) = connection.send(message) {
            logger.debug("echo not sent", ("client", connection.remoteAddress), ("reason", reason))
        }
    }

    /// Waits for SIGINT or SIGTERM, delivered through Dispatch rather than a
    /// signal handler so the shutdown can run as ordinary async code.
    private static func firstTerminationSignal() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let once = ResumeOnce(continuation)
            for number in [SIGINT, SIGTERM] {
                Glibc.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { @Sendable in once.resume(number) }
                source.resume()
                once.keep(source)
            }
        }
    }
}

/// Resumes a continuation with the first value only (two signals may race),
/// and keeps the signal sources alive for as long as their handlers need it.
/// `@unchecked Sendable`: `continuation` and `sources` are guarded by `lock`,
/// so the continuation is resumed exactly once.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = Lock()
    private var continuation: CheckedContinuation<Int32, Never>?
    private var sources: [any DispatchSourceSignal] = []

    func keep(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }

    init(_ continuation: CheckedContinuation<Int32, Never>) {
        self.continuation = continuation
    }

    func resume(_ value: Int32) {
        lock.withLock {
            defer { continuation = nil }
            return continuation
        }?.resume(returning: value)
    }
}
