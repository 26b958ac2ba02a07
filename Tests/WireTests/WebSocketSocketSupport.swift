import Clocks
import Foundation
import Logs
import Testing
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
            limits: limits, refused: { refusals.append($0) }, decide: decide
        ) { connection, _ in
            await accepted.put(connection)
            if echo {
                while let message = await connection.receive() { _ = await connection.send(message) }
            }
            _ = await connection.closed()
        }
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

/// A hand-driven client speaking raw frames, to send what a well-behaved
/// library never would (unmasked frames, bad UTF-8, empty Close, a dropped TCP).
actor RawWebSocketClient {
    let tcp: TCPConnection
    private var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 64 << 20)
    private var buffered: [UInt8]

    private init(tcp: TCPConnection, rest: [UInt8]) {
        self.tcp = tcp
        self.buffered = rest
    }

    /// Connects and sends a handshake; returns the client and the response status.
    static func connect(
        to address: SocketAddress, path: String = "/", headers: [String: String] = [:], requestHead: [UInt8]? = nil
    ) async throws -> (client: RawWebSocketClient, status: Int, head: [WebSocketHeaderField]) {
        let tcp = try await TCPConnection.connect(to: address)
        let handshake = WebSocketClientHandshake(host: "\(address)", path: path, extraHeaders: headers)
        try await tcp.write(requestHead ?? handshake.requestHead)
        let (head, rest) = try await WebSocketHandshake.readHead(
            from: tcp, time: SystemTime(), timeout: .seconds(5), reader: { WebSocketHandshake.ResponseReader() })
        return (RawWebSocketClient(tcp: tcp, rest: rest), head.status, head.headers.map { ($0.name, $0.value) })
    }

    func send(_ frame: WebSocketFrame, masked: Bool = true) async throws {
        try await sendRaw(WebSocketFrameEncoder.encode(frame, maskingKey: masked ? (9, 8, 7, 6) : nil))
    }

    func sendRaw(_ bytes: [UInt8]) async throws { try await tcp.write(bytes) }

    /// The next frame from the server, or nil at end of stream (then, like a
    /// real client, it closes its side too).
    func nextFrame() async throws -> WebSocketFrame? {
        decoder.append(buffered)
        buffered = []
        while true {
            if let frame = try decoder.nextFrame() { return frame }
            let bytes = try await tcp.read()
            if bytes.isEmpty {
                tcp.close()
                return nil
            }
            decoder.append(bytes)
        }
    }

    /// The server's Close frame, decoded (skipping anything before it).
    func nextClose() async throws -> CloseFramePayload? {
        while let frame = try await nextFrame() {
            if frame.opcode == .close { return try CloseFramePayload.decode(frame.payload) }
        }
        return nil
    }
}

extension WebSocketFrame {
    static func text(_ text: String, fin: Bool = true) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: .text, payload: Array(text.utf8))
    }

    static func close(_ code: WebSocketCloseCode?, _ reason: String = "") -> WebSocketFrame {
        WebSocketFrame(opcode: .close, payload: CloseFramePayload(code: code, reason: reason).encoded() ?? [])
    }
}
