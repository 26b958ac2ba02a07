import Clocks
import Foundation
import Logs
@testable import Sockets
import Testing
@testable import WebSocketCodec
@testable import Wire

/// Server-side connections handed from a test server's handler to the test body.
actor WebSocketAcceptedConnections {
    private var ready: [WebSocketConnection] = []
    private var waiter: CheckedContinuation<WebSocketConnection, Never>?

    func put(_ connection: WebSocketConnection) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: connection)
        } else {
            ready.append(connection)
        }
    }

    func next() async -> WebSocketConnection {
        if !ready.isEmpty { return ready.removeFirst() }
        return await withCheckedContinuation { waiter = $0 }
    }
}

/// A loopback server for tests: echoes every message (or only holds the
/// connection) and hands each server-side connection to the test.
struct WebSocketTestServer {
    let server: WebSocketServer
    let accepted = WebSocketAcceptedConnections()
    let logs = MemorySink()
    let refusals = RefusalLog()

    init(
        echo: Bool = true, configuration: WebSocketConfiguration = .init(), time: any TimeSource = SystemTime(),
        limits: WebSocketServerLimits = .init(),
        decide: @escaping @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept }
    ) throws {
        let (accepted, refusals) = (self.accepted, self.refusals)
        server = try WebSocketServer.start(
            on: .loopback(), configuration: configuration, time: time,
            logger: Logger(component: "test-server", minimumLevel: .debug, sink: logs),
            limits: limits, refused: { refusals.append($0) }, decide: decide,
            endpoint: .task { connection, _ in
                await accepted.put(connection)
                if echo {
                    while let message = await connection.receive() { _ = await connection.send(message) }
                }
                _ = await connection.closed()
            })
    }

    var url: String { "ws://\(server.localAddress)/" }
}

/// The refusals a test server told its owner, in order.
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class RefusalLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [WebSocketRefusal] = []
    func append(_ refusal: WebSocketRefusal) { lock.withLock { stored.append(refusal) } }
    var all: [WebSocketRefusal] { lock.withLock { stored } }
}
