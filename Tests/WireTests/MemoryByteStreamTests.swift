import Sockets
import TestSupport
import Testing

/// The in-memory stream keeps the `ByteStream` contract as TCP does: order,
/// backpressure, end of stream, reset, local close, cancellation without loss.
@Suite struct MemoryByteStreamTests {
    @Test func bytesArriveInOrderAndEndOfStreamReadsZero() async throws {
        let (client, server) = MemoryByteStream.pair()
        try await within {
            try await client.write(Array("hello ".utf8))
            try await client.write(Array("world".utf8))
            try client.shutdownWrite()
            var received: [UInt8] = []
            while true {
                let chunk = try await server.read(maxBytes: 4)
                if chunk.isEmpty { break }
                #expect(chunk.count <= 4)
                received += chunk
            }
            #expect(String(decoding: received, as: UTF8.self) == "hello world")
            // The other direction is still open after the client's FIN.
            try await server.write([1, 2, 3])
            #expect(try await client.read() == [1, 2, 3])
        }
    }

    @Test func aFullStreamTakesNothingUntilThePeerReads() async throws {
        let (client, server) = MemoryByteStream.pair(capacity: 8)
        try await within {
            let first = try [UInt8](repeating: 7, count: 12).withUnsafeBytes { try client.write(someOf: $0) }
            #expect(first == 8)
            let second = try [UInt8](repeating: 7, count: 4).withUnsafeBytes { try client.write(someOf: $0) }
            #expect(second == 0)
            async let writable: Void = client.waitUntilWritable()
            #expect(try await server.read(maxBytes: 3) == [7, 7, 7])
            try await writable
            let third = try [UInt8](repeating: 9, count: 4).withUnsafeBytes { try client.write(someOf: $0) }
            #expect(third == 3)
        }
    }

    @Test func resetIsAConnectionResetAndCloseIsEndOfStream() async throws {
        let (client, server) = MemoryByteStream.pair()
        try await within {
            async let reading = server.read()
            client.reset()
            do {
                _ = try await reading
                Issue.record("a read after the peer's reset returned")
            } catch let error as SocketError {
                #expect(error.isConnectionReset)
            }
            do {
                try await client.write([1])
                Issue.record("a write after our own reset succeeded")
            } catch let error as SocketError {
                #expect(error.isClosed)
            }
            let (other, peer) = MemoryByteStream.pair()
            other.close()
            #expect(try await peer.read() == [])
            do {
                try await peer.write([1])
                Issue.record("a write to a closed peer succeeded")
            } catch let error as SocketError {
                #expect(error.isConnectionReset)
            }
        }
    }

    @Test func aCancelledReadLosesNoBytes() async throws {
        let (client, server) = MemoryByteStream.pair()
        try await within {
            let reading = Task { try await server.read() }
            reading.cancel()
            await #expect(throws: CancellationError.self) { try await reading.value }
            try await client.write([4, 5])
            #expect(try await server.read() == [4, 5])
        }
    }
}
