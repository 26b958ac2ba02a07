import Clocks
import Testing
@testable import WebSocketCodec

/// Frames parsed where the caller's read buffer holds them act exactly as
/// frames appended to the decoder's own buffer, whatever the split; the
/// caller is told what to keep and how large the frame it keeps will be.
@Suite struct WebSocketInPlaceDecodingTests {
    private let key: WebSocketFrameEncoder.MaskingKey = (0x37, 0xFA, 0x21, 0x3D)

    /// A client's frames of every kind: text (multi-byte UTF-8), binary of
    /// each length class, a fragmented text message with a ping between.
    private func clientStream(_ generator: inout SeededRandom) -> [UInt8] {
        var bytes: [UInt8] = []
        func add(_ frame: WebSocketFrame) { bytes += WebSocketFrameEncoder.encode(frame, maskingKey: key) }
        add(WebSocketFrame(opcode: .text, payload: Array("起飞 hello".utf8)))
        for length in [0, 1, 125, 126, 65535, 65536, 300_000] {
            add(WebSocketFrame(opcode: .binary, payload: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        }
        add(WebSocketFrame(fin: false, opcode: .text, payload: Array("起".utf8).dropLast().map { $0 }))
        add(WebSocketFrame(opcode: .ping, payload: [1, 2, 3]))
        add(WebSocketFrame(fin: true, opcode: .continuation, payload: [Array("起".utf8).last!] + Array("飞".utf8)))
        return bytes
    }

    /// Offers `bytes` in chunks the way a connection does: kept bytes plus each new chunk.
    private func receiveInPlace(_ bytes: [UInt8], chunks: [Int]) -> (actions: [WebSocketStateMachine.Action], pendingSizes: [Int]) {
        var machine = WebSocketStateMachine(role: .server, now: .zero)
        var kept: [UInt8] = []
        var actions: [WebSocketStateMachine.Action] = []
        var pendingSizes: [Int] = []
        var offset = 0
        for chunk in chunks where offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            kept += bytes[offset..<end]
            offset = end
            let receipt = kept.withUnsafeBytes { machine.receive(inPlace: $0, now: .zero) }
            actions += receipt.actions
            if let size = receipt.pendingFrameSize { pendingSizes.append(size) }
            kept.removeFirst(receipt.consumed)
        }
        return (actions, pendingSizes)
    }

    @Test func actsAsTheBufferedDecoderForAnySplit() {
        var generator = SeededRandom(seed: 23)
        let bytes = clientStream(&generator)
        var buffered = WebSocketStateMachine(role: .server, now: .zero)
        let expected = buffered.receive(bytes, now: .zero)
        #expect(expected.count == 10)
        let whole = receiveInPlace(bytes, chunks: [bytes.count])
        #expect(whole.actions == expected)
        #expect(whole.pendingSizes.isEmpty)
        for _ in 0..<20 {
            let chunks = (0..<4000).map { _ in Int.random(in: 1...70_000, using: &generator) }
            #expect(receiveInPlace(bytes, chunks: chunks).actions == expected)
        }
        var prefixMachine = WebSocketStateMachine(role: .server, now: .zero)
        let prefixExpected = prefixMachine.receive(bytes.prefix(600), now: .zero)
        #expect(prefixExpected.count == 5)
        #expect(receiveInPlace(Array(bytes.prefix(600)), chunks: Array(repeating: 1, count: 600)).actions == prefixExpected)
    }

    @Test func tellsTheWholeSizeOfTheFrameItKeeps() {
        let frame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 9, count: 65536)), maskingKey: key)
        #expect(frame.count == 65536 + 14)
        // Two bytes of header say nothing yet; the whole header gives the size.
        #expect(receiveInPlace(frame, chunks: [2, 12, 1000, 70_000]).pendingSizes == [65550, 65550])
    }

    /// Text still arriving is validated as it comes, in place as in the decoder's buffer.
    @Test func invalidUTF8FailsBeforeTheFrameIsComplete() {
        let payload = Array("ok".utf8) + [0xC0, 0x80] + [UInt8](repeating: 0x61, count: 1000)
        let frame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: payload), maskingKey: key)
        var machine = WebSocketStateMachine(role: .server, now: .zero)
        let receipt = Array(frame.prefix(20)).withUnsafeBytes { machine.receive(inPlace: $0, now: .zero) }
        #expect(machine.closeInfo?.code == .invalidPayload)
        #expect(receipt.consumed == 20, "nothing is kept once the connection has failed")
        #expect(receipt.actions.contains { if case .closeTransport = $0 { true } else { false } })
    }

    /// Bytes given the buffered way first stay on that path, so nothing is parsed twice or lost.
    @Test func bytesBufferedBeforeKeepToTheBufferedPath() {
        let frame = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [1, 2, 3, 4, 5]), maskingKey: key)
        var machine = WebSocketStateMachine(role: .server, now: .zero)
        #expect(machine.receive(frame.prefix(4), now: .zero).isEmpty)
        let receipt = Array(frame.dropFirst(4)).withUnsafeBytes { machine.receive(inPlace: $0, now: .zero) }
        #expect(receipt.consumed == frame.count - 4)
        #expect(receipt.actions == [.deliver(.binary([1, 2, 3, 4, 5]))])
    }

    /// Unmasking while copying gives the bytes of RFC 6455's definition for every length and phase.
    @Test(arguments: [0, 1, 2, 3])
    func copyMaskedMatchesTheDefinition(phase: Int) {
        let keyBytes = [key.0, key.1, key.2, key.3]
        for length in 0..<140 {
            let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
            let expected = original.enumerated().map { $0.element ^ keyBytes[($0.offset + phase) & 3] }
            var copy = [UInt8](repeating: 0xEE, count: length + 2)
            original.withUnsafeBytes { source in
                copy.withUnsafeMutableBytes {
                    WebSocketFrameEncoder.copyMasked(key, from: source, to: UnsafeMutableRawBufferPointer(rebasing: $0[1..<(1 + length)]), phase: phase)
                }
            }
            #expect(Array(copy[1..<(1 + length)]) == expected && copy.first == 0xEE && copy.last == 0xEE, "length \(length)")
        }
    }
}
