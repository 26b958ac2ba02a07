import Clocks
import Testing
@testable import WebSocketCodec

@Suite struct WebSocketFrameCodecTests {
    private let key: WebSocketFrameEncoder.MaskingKey = (0x37, 0xFA, 0x21, 0x3D)

    private func decodeAll(_ bytes: [UInt8], role: WebSocketRole, chunk: Int, limit: Int = 1 << 20) throws -> [WebSocketFrame] {
        var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: limit)
        var frames: [WebSocketFrame] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            decoder.append(bytes[offset..<end])
            offset = end
            while let frame = try decoder.nextFrame() { frames.append(frame) }
        }
        #expect(decoder.bufferedByteCount == 0)
        return frames
    }

    /// RFC 6455 section 5.7 examples, byte for byte.
    @Test func rfcExamples() throws {
        let hello = Array("Hello".utf8)
        #expect(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: hello)) == [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f])
        #expect(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: hello), maskingKey: key)
            == [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])
        let fragments: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f]
        let frames = try decodeAll(fragments, role: .client, chunk: 1)
        #expect(frames == [WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
                           WebSocketFrame(fin: true, opcode: .continuation, payload: Array("lo".utf8))])
        #expect(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0, count: 256))).prefix(4) == [0x82, 0x7E, 0x01, 0x00])
        #expect(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0, count: 65536))).prefix(10)
            == [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0])
    }

    /// Every length class, both roles, fed whole, byte by byte and in seeded random chunks.
    @Test(arguments: [WebSocketRole.server, .client])
    func roundTripAnySplit(role: WebSocketRole) throws {
        var generator = SeededRandom(seed: 11)
        let sender: WebSocketRole = role == .server ? .client : .server
        let frames = [0, 1, 125, 126, 127, 65535, 65536, 70000].map { length in
            WebSocketFrame(fin: length % 2 == 0, opcode: .binary, payload: (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        } + [WebSocketFrame(opcode: .ping, payload: [1, 2]), WebSocketFrame(opcode: .close, payload: [3, 232])]
        let wire = frames.flatMap { WebSocketFrameEncoder.encode($0, as: sender, using: &generator) }
        for chunk in [wire.count, 1, 7, Int.random(in: 2...5000, using: &generator)] {
            #expect(try decodeAll(wire, role: role, chunk: chunk) == frames, "chunk \(chunk)")
        }
    }

    private func firstError(_ bytes: [UInt8], role: WebSocketRole = .server, limit: Int = 1 << 20) -> WebSocketProtocolError? {
        var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: limit)
        decoder.append(bytes)
        do {
            while try decoder.nextFrame() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func rejectsMalformedHeaders() {
        #expect(firstError([0xC1, 0x80, 0, 0, 0, 0]) == .reservedBitsSet)
        #expect(firstError([0x91, 0x80, 0, 0, 0, 0]) == .reservedBitsSet)
        #expect(firstError([0x83, 0x80]) == .reservedOpcode(3))
        #expect(firstError([0x8B, 0x80]) == .reservedOpcode(0xB))
        #expect(firstError([0x81, 0x00]) == .unmaskedClientFrame)
        #expect(firstError([0x81, 0x80, 0, 0, 0, 0], role: .client) == .maskedServerFrame)
        #expect(firstError([0x09, 0x80]) == .fragmentedControlFrame)
        #expect(firstError([0x89, 0xFE, 0x00, 0x7E]) == .controlFrameTooLong(126))
        #expect(firstError([0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0]) == .lengthMostSignificantBitSet)
    }

    /// The limit is enforced from the header alone: no payload bytes are needed.
    @Test func oversizedFrameRefusedFromHeader() {
        #expect(firstError([0x82, 0xFE, 0x04, 0x01], limit: 1024) == .frameTooLarge(length: 1025, limit: 1024))
        #expect(firstError([0x82, 0xFF, 0, 0, 0, 1, 0, 0, 0, 0], limit: 1024) == .frameTooLarge(length: 1 << 32, limit: 1024))
        #expect(WebSocketProtocolError.frameTooLarge(length: 1, limit: 0).closeCode == .messageTooBig)
    }

    @Test func errorIsStickyAndIncompleteInputWaits() throws {
        var decoder = WebSocketFrameDecoder(role: .server)
        decoder.append([0x81, 0x85, 0x37])
        let partial = try decoder.nextFrame()
        #expect(partial == nil)
        var broken = WebSocketFrameDecoder(role: .server)
        broken.append([0x83, 0x80])
        let errors = (0..<2).map { _ in
            defer { broken.append(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text), maskingKey: key)) }
            do { return try broken.nextFrame() == nil ? "nil" : "frame" } catch { return "\(error)" }
        }
        #expect(errors == ["reservedOpcode(3)", "reservedOpcode(3)"])
    }

    /// The payload of a frame still arriving, unmasked with the right key phase from any offset.
    @Test func partialPayloadOfAMaskedFrame() throws {
        let payload = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let wire = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: payload), maskingKey: key)
        var decoder = WebSocketFrameDecoder(role: .server)
        decoder.append(wire.prefix(4 + 4 + 101))     // 2-byte header, 2-byte length, key, 101 payload bytes
        #expect(decoder.pendingOpcode == .text)
        #expect(decoder.partialPayload(from: 0) == Array(payload[..<101]))
        #expect(decoder.partialPayload(from: 33) == Array(payload[33..<101]))
        #expect(decoder.partialPayload(from: 101) == nil)
        decoder.append(wire.dropFirst(4 + 4 + 101))
        #expect(decoder.pendingOpcode == nil)
        let frame = try decoder.nextFrame()
        #expect(frame?.payload == payload)
    }
}
