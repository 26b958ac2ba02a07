import Clocks
import Logs
import Sockets
import TestSupport
import Testing
import WebSocketCodec
@testable import Wire

/// While the stream is full, a writer child writes the backlog and the
/// connection's loop reads on; once the backlog is out the writer is gone
/// and a `send` writes at once again.
@Suite struct WebSocketBacklogTests {
    private let logger = Logger(component: "memory", minimumLevel: .warning)

    @Test func theLoopReadsOnWhileTheBacklogWaitsForThePeerAndNothingIsLost() async throws {
        let (peer, serverStream) = MemoryByteStream.pair(capacity: 4096)
        let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
        server.start(initialBytes: [])
        defer { peer.close() }
        try await within {
            // About 30 KB for a peer that reads nothing yet: most of it waits in the queue.
            for index in 0..<10 {
                #expect(await server.send(binary: [UInt8](repeating: 7, count: 3000) + [UInt8(index)]) == .sent)
            }
            try await eventually("a writer for the backlog") { await server.writerRunning }
            try await peer.write(WebSocketFrameEncoder.encode(WebSocketFrame.text("still reading?"), maskingKey: (1, 2, 3, 4)))
            #expect(await server.receive() == .text("still reading?"))

            var decoder = WebSocketFrameDecoder(role: .client)
            var last: [UInt8] = []
            while last.count < 10 {
                while let frame = try decoder.nextFrame() { last.append(frame.payload.last ?? 0) }
                if last.count < 10 { decoder.append(try await peer.read()) }
            }
            #expect(last == (0..<10).map { UInt8($0) })

            try await eventually("the writer gone") { await !server.writerRunning }
            #expect(await server.send(text: "at once") == .sent)
            var buffer = [UInt8](repeating: 0, count: 64)
            let written = try buffer.withUnsafeMutableBytes { try peer.readAvailable(into: $0) }
            #expect(written == 9, "the frame was in the stream when send returned")
            await server.abort()
        }
    }
}
