import Clocks
import Logs

/// A WebSocket server: a TCP listener, the handshake for each newcomer (in
/// its own task, so a slow client never holds up the others), and the
/// owner's handler for each open connection.
///
/// The handler owns its connection; when it returns without closing, the
/// connection is closed with 1000. A handler that fails should close with
/// 1011 itself first (RFC 6455 section 7.4.1: "unexpected condition").
public final class WebSocketServer: Sendable {
    public typealias Handler = @Sendable (WebSocketConnection, WebSocketUpgradeRequest) async -> Void

    private let listener: TCPListener
    public let localAddress: SocketAddress

    private init(listener: TCPListener) {
        self.listener = listener
        self.localAddress = listener.localAddress
    }

    /// Binds `address` (port 0 picks one; see `localAddress`) and starts accepting.
    public static func start(
        on address: SocketAddress,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        handler: @escaping Handler
    ) throws -> WebSocketServer {
        let server = WebSocketServer(listener: try TCPListener.bind(address))
        Task {
            await server.acceptLoop(configuration: configuration, time: time, logger: logger, decide: decide, handler: handler)
        }
        return server
    }

    /// Stops accepting; open connections are their handlers' to close.
    public func close() { listener.close() }

    private func acceptLoop(
        configuration: WebSocketConfiguration, time: any TimeSource, logger: Logger,
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
            Task {
                guard case .success(let (connection, request)) = await WebSocketConnection.accept(
                    tcp, configuration: configuration, time: time, logger: logger, decide: decide) else { return }
                await handler(connection, request)
                await connection.close()
            }
        }
    }
}
