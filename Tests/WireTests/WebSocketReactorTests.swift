import Clocks
import Foundation
import Logs
@testable import Sockets
import TestSupport
import Testing
import WebSocketCodec
@testable import Wire

/// A WebSocket connection whose loops and receiver run on a reactor: messages
/// stay in order, a lone answer leaves at once, a batch's answers leave together.
@Suite struct WebSocketReactorTests {
    /// Pipelined messages through a server whose handlers run on the reactor
    /// come back complete and in order, answered in batches or not.
    @Test func pipelinedMessagesAreEchoedInOrder() async throws {
        var limits = WebSocketServerLimits()
        limits.runsHandlersOnReactor = true
        let server = try WebSocketTestServer(limits: limits)
        try await withTeardown({ await server.server.shutdown() }) {
            let client = try await RawWebSocketClient.open(to: server.server.localAddress)
            let count = 400
            var burst: [UInt8] = []
            for index in 0..<count {
                burst += WebSocketFrameEncoder.encode(WebSocketFrame.text("m\(index)"), maskingKey: (1, 2, 3, 4))
            }
            // Several bursts, so reads on the server hold many messages, and some split one.
            for start in stride(from: 0, to: burst.count, by: 1000) {
                try await client.sendRaw(Array(burst[start..<min(start + 1000, burst.count)]))
            }
            let echoed = try await within {
                var texts: [String] = []
                while texts.count < count, let frame = try await client.nextFrame() {
                    texts.append(String(decoding: frame.payload, as: UTF8.self))
                }
                return texts
            }
            #expect(echoed == (0..<count).map { "m\($0)" })
        }
    }

    /// A server that runs handlers on reactors spreads its connections over one
    /// reactor per core, and each handler runs on the thread of its socket's reactor.
    @Test func handlersRunOnTheirSocketsReactorSpreadOverTheCores() async throws {
        var limits = WebSocketServerLimits()
        limits.runsHandlersOnReactor = true
        let placements = Recorded<(reactor: ObjectIdentifier?, onItsThread: Bool)>()
        let server = try WebSocketServer.start(on: .loopback(), logger: Logger(component: "test", minimumLevel: .warning),
                                               limits: limits) { connection, _ in
            let reactor = connection.stream.preferredExecutor as? Reactor
            let thread = reactor?.lock.withLock { reactor?.thread }
            let onItsThread = thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
            placements.append((reactor.map { ObjectIdentifier($0) }, onItsThread))
            while let message = await connection.receive() { _ = await connection.send(message) }
        }
        try await withTeardown({ await server.shutdown() }) {
            let count = 2 * Reactor.perCore.count
            for _ in 0..<count {
                let client = try await RawWebSocketClient.open(to: server.localAddress)
                try await client.send(.text("hello"))
                #expect(try await within { try await client.nextFrame() }?.payload == Array("hello".utf8))
                try await client.send(.close(.normalClosure))
            }
            try await eventually("every handler placed") { placements.all.count == count }
            let perCore = Set(Reactor.perCore.map { ObjectIdentifier($0) })
            #expect(placements.all.allSatisfy { $0.onItsThread })
            #expect(Set(placements.all.compactMap(\.reactor)) == perCore)
        }
    }

    /// The answers to messages that arrived in one read are written together
    /// once the receiver has taken them all, not one write per answer.
    @Test func answersToABatchLeaveInOneWrite() async throws {
        let batch = 16
        let writes = try await echoOnReactor(messagesInOneWrite: batch)
        #expect(writes.total >= 1)
        #expect(writes.total <= 2, "wrote \(writes.total) times for \(batch) answers")
    }

    /// A lone answer (nothing else waiting) is written by `send` itself, before it returns.
    @Test func aLoneAnswerIsWrittenBeforeSendReturns() async throws {
        let writes = try await echoOnReactor(messagesInOneWrite: 1)
        #expect(writes.beforeSendReturned == [1])
    }

    struct Writes {
        var total: Int
        /// For each answer, how many writes the stream had seen when its `send` returned.
        var beforeSendReturned: [Int]
    }

    /// A server connection over a counting TCP stream, its loops and an echo
    /// receiver on the reactor; the client writes `messagesInOneWrite` frames at once.
    private func echoOnReactor(messagesInOneWrite count: Int) async throws -> Writes {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (client, tcp, listener) = try await connectedPair(reactor: reactor)
        defer { client.close(); tcp.close(); listener.close() }
        let stream = CountingStream(tcp)
        let logger = Logger(component: "test", minimumLevel: .warning)
        let connection = WebSocketConnection(stream: stream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
        let seen = Recorded<Int>()
        try await within {
            try await withTaskExecutorPreference(reactor) {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { await connection.run(initialBytes: []) }
                    group.addTask {
                        while let message = await connection.receive() {
                            _ = await connection.send(message)
                            seen.append(stream.writes)
                        }
                    }
                    var burst: [UInt8] = []
                    for index in 0..<count {
                        burst += WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: Array("m\(index)".utf8)),
                                                              maskingKey: (1, 2, 3, 4))
                    }
                    try await client.write(burst)
                    var decoder = WebSocketFrameDecoder(role: .client)
                    var frames = 0
                    while frames < count {
                        decoder.append(try await client.read())
                        while try decoder.nextFrame() != nil { frames += 1 }
                    }
                    await connection.abort()
                }
            }
        }
        return Writes(total: stream.writes, beforeSendReturned: seen.all)
    }
}

/// A TCP stream that counts the writes that reached the socket.
/// `@unchecked Sendable`: `count` is only touched under `lock`.
final class CountingStream: ByteStream, @unchecked Sendable {
    private let tcp: TCPConnection
    private let lock = NSLock()
    private var count = 0

    init(_ tcp: TCPConnection) { self.tcp = tcp }

    var writes: Int { lock.withLock { count } }
    var localAddress: SocketAddress { tcp.localAddress }
    var remoteAddress: SocketAddress { tcp.remoteAddress }
    var preferredExecutor: (any TaskExecutor)? { tcp.preferredExecutor }

    nonisolated(nonsending) func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        try await tcp.read(into: buffer)
    }

    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? { try tcp.readAvailable(into: buffer) }
    nonisolated(nonsending) func waitUntilReadable() async throws { try await tcp.waitUntilReadable() }

    func write(someOf bytes: UnsafeRawBufferPointer) throws -> Int {
        let written = try tcp.write(someOf: bytes)
        if written > 0 { lock.withLock { count += 1 } }
        return written
    }

    nonisolated(nonsending) func waitUntilWritable() async throws { try await tcp.waitUntilWritable() }
    func shutdownWrite() throws { try tcp.shutdownWrite() }
    func close() { tcp.close() }
    func reset() { tcp.reset() }
}
