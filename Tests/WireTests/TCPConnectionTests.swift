import Clocks
import Foundation
@testable import Sockets
import TestSupport
import Testing

@Suite struct TCPConnectionTests {
    @Test func connectsAcceptsAndExchangesBytes() async throws {
        let (client, server, listener) = try await connectedPair()
        defer { client.close(); server.close(); listener.close() }
        #expect(client.remoteAddress == listener.localAddress)
        #expect(server.remoteAddress == client.localAddress)
        try await within {
            try await client.write(Array("hello".utf8))
            #expect(try await server.read() == Array("hello".utf8))
            try await server.write(Array("world".utf8))
            #expect(try await client.read() == Array("world".utf8))
        }
    }

    @Test func shutdownWriteGivesEndOfStreamAndTheReplyStillArrives() async throws {
        let (client, server, listener) = try await connectedPair()
        defer { client.close(); server.close(); listener.close() }
        try await within {
            try await client.write(Array("request".utf8))
            try client.shutdownWrite()
            #expect(try await readAll(server) == Array("request".utf8))
            try await server.write(Array("reply".utf8))
            server.close()
            #expect(try await readAll(client) == Array("reply".utf8))
        }
    }

    @Test func resetIsReportedDistinctlyFromEndOfStream() async throws {
        let (client, server, listener) = try await connectedPair()
        defer { client.close(); listener.close() }
        server.reset()
        let error = await #expect(throws: SocketError.self) { try await within { try await client.read() } }
        #expect(error?.isConnectionReset == true)
    }

    @Test func connectToAClosedPortIsRefused() async throws {
        let refusing = try RefusingPort()
        let address = refusing.address
        let error = await #expect(throws: SocketError.self) {
            try await within { try await TCPConnection.connect(to: address) }
        }
        withExtendedLifetime(refusing) {}
        #expect(error?.isConnectionRefused == true)
    }

    @Test func largeWriteCompletesWhileThePeerReadsSlowly() async throws {
        let (client, server, listener) = try await connectedPair()
        defer { client.close(); server.close(); listener.close() }
        var generator = SeededBytes(seed: 42)
        let payload = generator.next(count: 4 << 20)
        try await within(20) {
            async let sent: Void = { try await client.write(payload); client.close() }()
            let received = try await readAll(server)
            try await sent
            #expect(received == payload)
        }
    }

    @Test func closeIsIdempotentAndLaterCallsSayClosed() async throws {
        let (client, server, listener) = try await connectedPair()
        defer { server.close(); listener.close() }
        client.close()
        client.close()
        let error = await #expect(throws: SocketError.self) { try await client.write([1]) }
        #expect(error?.isClosed == true)
        #expect(try await within { try await server.read() } == [])
    }

    @Test func manyConcurrentConnectionsEcho() async throws {
        let listener = try TCPListener.bind()
        defer { listener.close() }
        let count = 200
        let server = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<count {
                    let connection = try await listener.accept()
                    group.addTask {
                        defer { connection.close() }
                        while case let bytes = try await connection.read(), !bytes.isEmpty {
                            try await connection.write(bytes)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await within(20) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        let connection = try await TCPConnection.connect(to: listener.localAddress)
                        defer { connection.close() }
                        let message = Array("client \(index)".utf8)
                        try await connection.write(message)
                        try connection.shutdownWrite()
                        #expect(try await readAll(connection) == message)
                    }
                }
                try await group.waitForAll()
            }
            try await server.value
        }
    }
}

/// Deterministic pseudo-random bytes from `SeededRandom`, so a failure replays exactly.
struct SeededBytes {
    private var random: SeededRandom
    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func nextWord() -> UInt64 { random.next() }

    mutating func next(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: nextWord()) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// A value in 0..<bound.
    mutating func next(below bound: Int) -> Int {
        Int(nextWord() % UInt64(bound))
    }
}
