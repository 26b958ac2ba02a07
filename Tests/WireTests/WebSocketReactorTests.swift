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
                                               limits: limits, endpoint: .task { connection, _ in
            let reactor = connection.stream.preferredExecutor as? Reactor
            let thread = reactor?.lock.withLock { reactor?.thread }
            let onItsThread = thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
            placements.append((reactor.map { ObjectIdentifier($0) }, onItsThread))
            while let message = await connection.receive() { _ = await connection.send(message) }
        })
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

    /// How the echo takes its messages: a task waiting in `receive`, or a
    /// callback the read loop calls (`handleMessages`).
    enum EchoStyle: CaseIterable, Sendable { case receiving, callback }

    /// The answers to messages that arrived in one read are written together
    /// once the handler has answered them all, not one write per answer.
    @Test(arguments: EchoStyle.allCases)
    func answersToABatchLeaveInOneWrite(style: EchoStyle) async throws {
        let batch = 16
        let echo = try await echoOnReactor(style, bursts: [batch])
        #expect(echo.writes >= 1)
        #expect(echo.writes <= 2, "wrote \(echo.writes) times for \(batch) answers")
    }

    /// A lone answer (nothing else waiting) is written by `send` itself, before it returns.
    @Test(arguments: EchoStyle.allCases)
    func aLoneAnswerIsWrittenBeforeSendReturns(style: EchoStyle) async throws {
        let echo = try await echoOnReactor(style, bursts: [1])
        #expect(echo.writesWhenSendReturned == [1])
    }

    /// After a read that took less than it had room for, the socket had nothing
    /// more: the next read waits for bytes instead of asking at once and
    /// finding none, so a round trip costs one read, not two.
    @Test(arguments: EchoStyle.allCases)
    func aShortReadWaitsRatherThanReadingNothing(style: EchoStyle) async throws {
        let roundTrips = 20
        let echo = try await echoOnReactor(style, bursts: Array(repeating: 1, count: roundTrips))
        #expect(echo.writesWhenSendReturned == Array(1...roundTrips))
        #expect(echo.emptyReads <= 1, "\(echo.emptyReads) reads found nothing in \(roundTrips) round trips")
    }

    struct Echoed {
        var writes: Int
        /// For each answer, how many writes the stream had seen when its `send` returned.
        var writesWhenSendReturned: [Int]
        /// Reads that found no bytes.
        var emptyReads: Int
    }

    /// A server connection over a counting TCP stream, its loops and an echo on
    /// the reactor. For each burst the client writes that many frames at once,
    /// then waits for all their answers before the next.
    private func echoOnReactor(_ style: EchoStyle, bursts: [Int]) async throws -> Echoed {
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
                        switch style {
                        case .receiving:
                            while let message = await connection.receive() {
                                _ = await connection.send(message)
                                seen.append(stream.writes)
                            }
                        case .callback:
                            _ = await connection.handleMessages { connection, message in
                                _ = connection.send(message)
                                seen.append(stream.writes)
                            }
                        }
                    }
                    var decoder = WebSocketFrameDecoder(role: .client)
                    for count in bursts {
                        var burst: [UInt8] = []
                        for index in 0..<count {
                            burst += WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: Array("m\(index)".utf8)),
                                                                  maskingKey: (1, 2, 3, 4))
                        }
                        try await client.write(burst)
                        var frames = 0
                        while frames < count {
                            while try decoder.nextFrame() != nil { frames += 1 }
                            if frames < count { decoder.append(try await client.read()) }
                        }
                    }
                    await connection.abort()
                }
            }
        }
        return Echoed(writes: stream.writes, writesWhenSendReturned: seen.all, emptyReads: stream.emptyReads)
    }
}

/// A TCP stream that counts the writes that reached the socket and the reads that found nothing.
/// `@unchecked Sendable`: `count` and `empty` are only touched under `lock`.
final class CountingStream: ByteStream, @unchecked Sendable {
    private let tcp: TCPConnection
    private let lock = NSLock()
    private var count = 0
    private var empty = 0

    init(_ tcp: TCPConnection) { self.tcp = tcp }

    var writes: Int { lock.withLock { count } }
    var emptyReads: Int { lock.withLock { empty } }
    var localAddress: SocketAddress { tcp.localAddress }
    var remoteAddress: SocketAddress { tcp.remoteAddress }
    var preferredExecutor: (any TaskExecutor)? { tcp.preferredExecutor }

    nonisolated(nonsending) func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        try await tcp.read(into: buffer)
    }

    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        let count = try tcp.readAvailable(into: buffer)
        if count == nil { lock.withLock { empty += 1 } }
        return count
    }
    nonisolated(nonsending) func waitUntilReadable() async throws { try await tcp.waitUntilReadable() }
    func wakeReader() { tcp.wakeReader() }

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
