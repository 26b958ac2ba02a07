import Clocks
import Foundation
import Logs
import Sockets
import TestSupport
import Testing
import WebSocketCodec
@testable import Wire

/// A client given a seeded random source sends the same bytes every run: its
/// handshake key and every frame's masking key come from that source.
@Suite struct WebSocketClientRandomTests {
    /// What a client seeded with `seed` writes: its handshake request, then a
    /// text and a binary frame (masked, as every client frame is).
    func bytesSent(seed: UInt64) async throws -> [UInt8] {
        try await within {
            let (clientStream, serverStream) = MemoryByteStream.pair()
            let peer = Task {
                var request: [UInt8] = []
                while !request.ends(with: Array("\r\n\r\n".utf8)) { request += try await serverStream.read(maxBytes: 1) }
                let text = String(decoding: request, as: UTF8.self)
                let keyLine = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("sec-websocket-key:") } ?? ""
                let key = keyLine.dropFirst("sec-websocket-key:".count).trimmingCharacters(in: .whitespaces)
                try await serverStream.write(Array((
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: \(WebSocketHandshake.acceptValue(forKey: key))\r\n\r\n").utf8))
                // 2 header bytes + 4 of masking key + the payload, per frame.
                var frames: [UInt8] = []
                while frames.count < (2 + 4 + 6) + (2 + 4 + 5) { frames += try await serverStream.read(maxBytes: 64) }
                return request + frames
            }
            let client = try await WebSocketConnection.connect(
                to: "ws://127.0.0.1/", over: clientStream, logger: Logger(component: "memory", minimumLevel: .warning),
                random: SeededRandom(seed: seed))
            #expect(await client.send(text: "起飞") == .sent)
            #expect(await client.send(binary: [1, 2, 3, 4, 5]) == .sent)
            let sent = try await peer.value
            await client.abort()
            return sent
        }
    }

    @Test func theSameSeedSendsTheSameMaskedBytes() async throws {
        let first = try await bytesSent(seed: 7)
        let again = try await bytesSent(seed: 7)
        let other = try await bytesSent(seed: 8)
        #expect(first == again)
        #expect(first != other, "another seed draws other keys")
        // The frames are masked (the mask bit set on both) and carry the payloads.
        let frames = Array(first.suffix(23))
        #expect(frames[1] & 0x80 != 0 && frames[13] & 0x80 != 0)
        let mask = Array(frames[2..<6])
        let text = frames[6..<12].enumerated().map { $0.element ^ mask[$0.offset % 4] }
        #expect(String(decoding: text, as: UTF8.self) == "起飞")
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
