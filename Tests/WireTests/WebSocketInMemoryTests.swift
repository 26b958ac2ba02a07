import Clocks
import Glibc
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
            server.start(initialBytes: [])
            let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
            client.start(initialBytes: [])
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

    /// A send with nothing queued writes at once; once the stream is full the rest
    /// queues behind what was partly written and goes out in order, none lost.
    @Test func directWritesAndTheQueueKeepOrderWhenTheStreamIsFull() async throws {
        let (clientStream, serverStream) = MemoryByteStream.pair(capacity: 256)
        let logger = Logger(component: "memory", minimumLevel: .warning)
        try await within {
            let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
            let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
            // Nobody reads yet: 60 frames of 52 bytes cannot all fit in 256 bytes of stream.
            for index in 0..<60 { #expect(await server.send(text: String(repeating: "x", count: 47) + String(format3(index))) == .sent) }
            #expect(await server.queuedBytes > 0)
            server.start(initialBytes: [])
            client.start(initialBytes: [])
            // Room appears as the client reads, while frames still wait in the queue:
            // a later send must go behind them, never past them.
            for index in 0..<5 { #expect(await client.receive() == .text(String(repeating: "x", count: 47) + String(format3(index)))) }
            for index in 60..<120 { #expect(await server.send(text: String(repeating: "x", count: 47) + String(format3(index))) == .sent) }
            for index in 5..<120 {
                #expect(await client.receive() == .text(String(repeating: "x", count: 47) + String(format3(index))))
            }
            await client.close()
            #expect(await client.closed().code == .normalClosure)
        }
    }

    /// A message that arrives just as a receiver starts to wait reaches it: the
    /// receiver looks at the inbox and parks in one step on the actor. (It did
    /// not: a wait could miss a message put in the inbox in between, and an echo
    /// stalled until the next message, which in a round trip never comes.)
    @Test func aMessageArrivingAsTheReceiverParksIsNotMissed() async throws {
        let logger = Logger(component: "memory", minimumLevel: .warning)
        for round in 0..<100 {
            let (clientStream, serverStream) = MemoryByteStream.pair()
            let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
            let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
            client.start(initialBytes: [])
            _ = await client.send(text: "r\(round)")
            // The message is on its way as the server's loops start and its receiver parks.
            server.start(initialBytes: [])
            let received = try await within(2, "round \(round)'s message") { await server.receive() }
            #expect(received == .text("r\(round)"))
            await server.abort()
            await client.abort()
        }
    }

    /// The whole stack over memory: the HTTP server's upgrade route accepts a
    /// stream from a listener of ours, and the client handshakes over the other end.
    @Test func serverAndClientHandshakeOverMemory() async throws {
        let listener = MemoryListener()
        let server = WebSocketServer.start(listener: listener, logger: Logger(component: "memory", minimumLevel: .warning),
                                           endpoint: .task { connection, _ in
            while let message = await connection.receive() { _ = await connection.send(message) }
        })
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

/// `index` as three digits.
private func format3(_ index: Int) -> String {
    let digits = String(index)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
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

    /// Not needed by these tests: this listener only hands over what a test offers.
    func pause() throws { throw SocketError(operation: "pause", code: EOPNOTSUPP) }
    func resume() throws { throw SocketError(operation: "resume", code: EOPNOTSUPP) }

    func close() { streams.continuation.finish() }
}
