import Clocks
import Logs
@testable import Sockets
import TestSupport
import Testing
@testable import WebSocketCodec
@testable import Wire

extension WebSocketConnection {
    /// What the read buffer holds now, read on the connection's actor.
    func readMemoryHeld() -> Int { readBuffer.capacity }
}

/// A connection holds read memory only while bytes come in: an idle one
/// holds none, and a frame's declared size alone reserves nothing.
@Suite struct WebSocketReadBufferTests {
    @Test func anIdleConnectionHoldsNoReadMemory() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            let serverSide = await server.accepted.next()
            let big = [UInt8](repeating: 7, count: 300_000)
            for message in [WebSocketMessage.text("hello"), .binary(big), .text("again")] {
                #expect(await client.send(message) == .sent)
                #expect(await client.receive() == message)
                // Once it has read everything and waits for more, it gives the memory back.
                try await eventually("the server side to give its read memory back") { await serverSide.readMemoryHeld() == 0 }
                try await eventually("the client to give its read memory back") { await client.readMemoryHeld() == 0 }
            }
            await client.close()
            _ = await client.closed()
        }
    }

    @Test func aDeclaredSizeAloneReservesNothing() async throws {
        let (peer, stream) = MemoryByteStream.pair()
        let buffer = WebSocketReadBuffer()
        // A 10 MiB binary frame's header and its first kilobyte.
        var head: [UInt8] = [0x82, 0xFF]
        for shift in stride(from: 56, through: 0, by: -8) { head.append(UInt8(truncatingIfNeeded: (10 << 20) >> shift)) }
        head += [1, 2, 3, 4]
        try await peer.write(head + [UInt8](repeating: 0, count: 1024))
        var read = 0
        while read < head.count + 1024 { read += try await buffer.read(from: stream) ?? 0 }
        var machine = WebSocketStateMachine(role: .server, configuration: .init(maxFrameSize: 16 << 20, maxMessageSize: 16 << 20), now: .zero)
        let receipt = machine.receive(inPlace: buffer.unconsumed, now: .zero)
        #expect(receipt.consumed == 0 && receipt.pendingFrameSize == (10 << 20) + 14)
        buffer.consume(receipt.consumed, pendingFrameSize: receipt.pendingFrameSize)
        try await peer.write([UInt8](repeating: 0, count: 1024))
        _ = try await buffer.read(from: stream)
        #expect(buffer.capacity == WebSocketReadBuffer.blockSize, "one shared block, not the 10 MiB the header declares")
        // Past a block, it grows with what has arrived: at most twice the bytes kept.
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while buffer.unconsumed.count < 600_000 {
            try await peer.write(chunk)
            var got = 0
            while got < chunk.count { got += try await buffer.read(from: stream) ?? 0 }
            #expect(buffer.capacity <= max(WebSocketReadBuffer.blockSize, 2 * buffer.unconsumed.count))
        }
        stream.close()
        peer.close()
    }

    /// A peer that sends the first byte of a frame and stalls costs that byte;
    /// a large frame arriving keeps its block; the message done, nothing is held.
    @Test func whileWaitingItHoldsWhatArrivedNotABlock() async throws {
        let (peer, stream) = MemoryByteStream.pair()
        let logger = Logger(component: "memory", minimumLevel: .warning)
        try await within {
            let server = WebSocketConnection(stream: stream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
            server.start(initialBytes: [])
            let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let frame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: payload), maskingKey: (1, 2, 3, 4))
            try await peer.write(Array(frame.prefix(1)))
            try await eventually("one byte kept in memory of its own") { await server.readMemoryHeld() == 1 }
            try await peer.write(Array(frame[1..<100_000]))
            try await eventually("the block kept for a frame arriving") { await server.readMemoryHeld() == WebSocketReadBuffer.blockSize }
            try await peer.write(Array(frame[100_000...]))
            #expect(await server.receive() == .binary(payload))
            try await eventually("nothing held once the message is out") { await server.readMemoryHeld() == 0 }
            await server.abort()
        }
    }
}
