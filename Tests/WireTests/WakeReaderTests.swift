@testable import Sockets
import TestSupport
import Testing

/// `ByteStream.wakeReader()`: a reader waiting for bytes returns with none, or
/// its next wait does; no byte is lost either way, and a wake ends one wait only.
@Suite struct WakeReaderTests {
    enum Kind: CaseIterable, Sendable { case tcp, memory }

    /// A reader's end and the writer's end of one stream, and how to close both.
    private func ends(_ kind: Kind, reactor: Reactor) async throws -> (reader: any ByteStream, writer: any ByteStream, close: @Sendable () -> Void) {
        switch kind {
        case .tcp:
            let (client, server, listener) = try await connectedPair(reactor: reactor)
            return (server, client, { client.close(); server.close(); listener.close() })
        case .memory:
            let (client, server) = MemoryByteStream.pair()
            return (server, client, { client.close(); server.close() })
        }
    }

    @Test(arguments: Kind.allCases)
    func aWakeWithNoReaderWaitingEndsTheNextWaitOnceAndLosesNoBytes(kind: Kind) async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (reader, writer, close) = try await ends(kind, reactor: reactor)
        defer { close() }
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(try buffer.withUnsafeMutableBytes { try reader.readAvailable(into: $0) } == nil)
        reader.wakeReader()
        try await within { try await reader.waitUntilReadable() }
        #expect(try buffer.withUnsafeMutableBytes { try reader.readAvailable(into: $0) } == nil, "woken, not readable")
        try await writer.write([1, 2, 3])
        try await within { try await reader.waitUntilReadable() }
        #expect(try buffer.withUnsafeMutableBytes { try reader.readAvailable(into: $0) } == 3)
        #expect(buffer.prefix(3) == [1, 2, 3])
    }

    /// The wake resumes a reader already parked on the reactor; the next wait parks again.
    @Test func aParkedReaderIsResumedAndTheNextWaitParksAgain() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (reader, writer, close) = try await ends(.tcp, reactor: reactor)
        defer { close() }
        try await within {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reader.waitUntilReadable() }
                try await eventually("the reader parked") { reactor.waiterCount == 1 }
                reader.wakeReader()
                try await group.next()
                #expect(reactor.waiterCount == 0)
                group.addTask { try await reader.waitUntilReadable() }
                try await eventually("the reader parked again") { reactor.waiterCount == 1 }
                try await writer.write([9])
                try await group.next()
            }
        }
    }
}
