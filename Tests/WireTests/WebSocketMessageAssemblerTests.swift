import Testing
@testable import WebSocketCodec

@Suite struct WebSocketMessageAssemblerTests {
    private func run(_ frames: [WebSocketFrame], limit: Int = 1 << 20) -> (units: [WebSocketInbound], error: WebSocketProtocolError?) {
        var assembler = WebSocketMessageAssembler(maxMessageSize: limit)
        var units: [WebSocketInbound] = []
        for frame in frames {
            do {
                if let unit = try assembler.receive(frame) { units.append(unit) }
            } catch {
                return (units, error)
            }
        }
        return (units, nil)
    }

    private func frame(_ opcode: WebSocketOpcode, _ text: String, fin: Bool = true) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: opcode, payload: Array(text.utf8))
    }

    @Test func fragmentsJoinWithControlFramesBetween() {
        let result = run([frame(.text, "起", fin: false), frame(.ping, "p"), frame(.continuation, "飞", fin: false),
                          frame(.pong, "q"), frame(.continuation, "!"), frame(.binary, "b")])
        #expect(result.error == nil)
        #expect(result.units == [.ping(Array("p".utf8)), .pong(Array("q".utf8)), .message(.text("起飞!")), .message(.binary(Array("b".utf8)))])
    }

    @Test func emptyFragmentsAndEmptyMessages() {
        let result = run([frame(.text, "", fin: false), frame(.continuation, "", fin: false), frame(.continuation, ""), frame(.binary, "")])
        #expect(result.units == [.message(.text("")), .message(.binary([]))])
    }

    /// A character split across fragments is fine; only the message end must be on a boundary.
    @Test func characterSplitAcrossFragments() {
        let bytes = Array("飞".utf8)
        let result = run([WebSocketFrame(fin: false, opcode: .text, payload: [bytes[0]]),
                          WebSocketFrame(fin: false, opcode: .continuation, payload: [bytes[1]]),
                          WebSocketFrame(fin: true, opcode: .continuation, payload: [bytes[2]])])
        #expect(result.units == [.message(.text("飞"))])
    }

    @Test func sequencingErrors() {
        #expect(run([frame(.continuation, "x")]).error == .unexpectedContinuation)
        #expect(run([frame(.text, "a", fin: false), frame(.text, "b")]).error == .expectedContinuation)
        #expect(run([frame(.text, "a", fin: false), frame(.binary, "b")]).error?.closeCode == .protocolError)
    }

    /// Fail fast: the bad fragment is refused at once, before the message ends.
    @Test func invalidUTF8FailsOnTheFragmentThatProvesIt() {
        let result = run([frame(.text, "ok", fin: false), WebSocketFrame(fin: false, opcode: .continuation, payload: [0xED, 0xA0, 0x80])])
        #expect(result.error == .invalidUTF8InText)
        #expect(result.error?.closeCode == .invalidPayload)
        #expect(run([WebSocketFrame(opcode: .text, payload: [0xE4, 0xB8])]).error == .invalidUTF8InText)
        #expect(run([WebSocketFrame(opcode: .binary, payload: [0xFF])]).error == nil)
    }

    @Test func messageLimitCountsAllFragments() {
        let result = run([frame(.binary, "12345", fin: false), frame(.continuation, "678", fin: false), frame(.continuation, "9")], limit: 8)
        #expect(result.error == .messageTooLarge(limit: 8))
        #expect(result.error?.closeCode == .messageTooBig)
        #expect(run([frame(.binary, "12345678")], limit: 8).error == nil)
    }

    @Test func closeBodiesAreDecoded() {
        #expect(run([WebSocketFrame(opcode: .close)]).units == [.close(CloseFramePayload(code: nil))])
        #expect(run([WebSocketFrame(opcode: .close, payload: [0x03, 0xE8, 0x6F, 0x6B])]).units == [.close(CloseFramePayload(code: .normalClosure, reason: "ok"))])
        #expect(run([WebSocketFrame(opcode: .close, payload: [0x03, 0xED])]).error == .invalidCloseCode(1005))
    }
}
