import Testing
@testable import WebSocketCodec

@Suite struct CloseFramePayloadTests {
    @Test func emptyBodyMeansNoStatus() throws {
        #expect(try CloseFramePayload.decode([]) == CloseFramePayload(code: nil))
        #expect(CloseFramePayload(code: nil).encoded() == [])
    }

    @Test func codeAndReasonRoundTrip() throws {
        let payload = CloseFramePayload(code: .goingAway, reason: "服务器重启")
        let bytes = try #require(payload.encoded())
        #expect(bytes.prefix(2) == [0x03, 0xE9])
        #expect(try CloseFramePayload.decode(bytes) == payload)
    }

    @Test(arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] as [UInt16])
    func unsendableCodesAreRefusedBothWays(code: UInt16) {
        #expect(CloseFramePayload(code: WebSocketCloseCode(code)).encoded() == nil)
        #expect(throws: WebSocketProtocolError.invalidCloseCode(code)) {
            try CloseFramePayload.decode([UInt8(code >> 8), UInt8(code & 0xFF)])
        }
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999] as [UInt16])
    func sendableCodesPass(code: UInt16) throws {
        let bytes = try #require(CloseFramePayload(code: WebSocketCloseCode(code), reason: "r").encoded())
        #expect(try CloseFramePayload.decode(bytes).code?.rawValue == code)
    }

    @Test func malformedBodies() {
        #expect(throws: WebSocketProtocolError.closePayloadTooShort) { try CloseFramePayload.decode([0x03]) }
        #expect(throws: WebSocketProtocolError.invalidUTF8InCloseReason) { try CloseFramePayload.decode([0x03, 0xE8, 0xFF]) }
        #expect(throws: WebSocketProtocolError.invalidUTF8InCloseReason) { try CloseFramePayload.decode([0x03, 0xE8, 0xE4, 0xB8]) }
        #expect(WebSocketProtocolError.invalidUTF8InCloseReason.closeCode == .invalidPayload)
    }

    /// A long reason is cut at a character boundary so the frame stays <= 125 bytes.
    @Test func longReasonIsTruncatedOnACharacter() throws {
        let bytes = try #require(CloseFramePayload(code: .normalClosure, reason: String(repeating: "飞", count: 60)).encoded())
        #expect(bytes.count <= WebSocketFrame.maxControlPayload)
        #expect(bytes.count == 2 + 41 * 3)
        #expect(try CloseFramePayload.decode(bytes).reason == String(repeating: "飞", count: 41))
    }
}
