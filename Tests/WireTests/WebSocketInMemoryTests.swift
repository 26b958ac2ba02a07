import Clocks
import HTTPCodec
import Logs
import Sockets
import TestSupport
import Testing
@testable import WebSocketCodec
@testable import Wire

/// A WebSocket connection needs no socket: both ends over `MemoryByteStream.pair`,
/// with the handshake, messages, a ping from the keepalive and the close handshake.
@Suite struct WebSocketInMemoryTests {
    @Test func bothEndsTalkAndCloseOverAMemoryPair() async throws {
        let (clientStream, serverStream) = MemoryByteStream.pair()
        let logger = Logger(component: "memory", minimumLevel: .warning)
        try await within {
            let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
            await server.start(initialBytes: [])
            let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
            await client.start(initialBytes: [])
            #expect(await client.send(text: "起飞") == .sent)
            #expect(await server.receive() == .text("起飞"))
            let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            #expect(await server.send(binary: big) == .sent)
            #expect(await client.receive() == .binary(big))
            #expect(await client.close(code: .normalClosure, reason: "done") == .sent)
            #expect(await server.receive() == nil)
            #expect(await client.closed() == WebSocketCloseInfo(initiator: .local, code: .normalClosure, reason: "done"))
            #expect(await server.closed() == WebSocketCloseInfo(initiator: .remote, code: .normalClosure, reason: "done"))
        }
    }

    /// The whole stack over memory: the HTTP server's upgrade route accepts a
    /// stream from a listener of ours, and the client handshakes over the other end.
    @Test func serverAndClientHandshakeOverMemory() async throws {
        let listener = MemoryListener()
        let server = WebSocketServer.start(listener: listener, logger: Logger(component: "memory", minimumLevel: .warning)) { connection, _ in
            while let message = await connection.receive() { _ = await connection.send(message) }
        }
        try await withTeardown({ await server.shutdown() }) {
            try await within {
                let (clientStream, serverStream) = MemoryByteStream.pair()
                listener.offer(serverStream)
                let client = try await WebSocketConnection.connect(
                    to: "ws://127.0.0.1/echo", over: clientStream, logger: Logger(component: "memory", minimumLevel: .warning))
                #expect(await client.send(text: "ping") == .sent)
                #expect(await client.receive() == .text("ping"))
                await client.close()
                #expect(await client.closed().code == .normalClosure)
            }
        }
    }
}

/// A listener that accepts the streams a test offers it.
/// `@unchecked Sendable`: `state` is a `Mutex`, the only mutable part.
final class MemoryListener: ByteStreamListener, @unchecked Sendable {
    private let streams = AsyncStream<MemoryByteStream>.makeStream()
    let localAddress = SocketAddress(host: "127.0.0.1", port: 80)!

    func offer(_ stream: MemoryByteStream) { streams.continuation.yield(stream) }

    func accept() async throws -> MemoryByteStream {
        for await stream in streams.stream { return stream }
        throw SocketError(operation: "accept", code: 9)
    }

    func close() { streams.continuation.finish() }
}
