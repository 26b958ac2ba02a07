import Testing
@testable import Wire

@Suite struct WebSocketHandshakeHeadTests {
    @Test func waitsForTheBlankLineThenKeepsTheRest() throws {
        let head = Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Empty:\r\n\r\n".utf8)
        let frame: [UInt8] = [0x81, 0x01, 0x41]
        for cut in 0..<head.count {
            let partial = try WebSocketHandshakeHead.parse(Array(head[..<cut]))
            #expect(partial == nil, "parsed at \(cut) bytes")
        }
        let (parsed, used) = try #require(try WebSocketHandshakeHead.parse(head + frame))
        #expect(parsed.startLine == ["HTTP/1.1", "101", "Switching Protocols"])
        #expect(parsed.headers.map(\.name) == ["Upgrade", "X-Empty"])
        #expect(parsed.headers.map(\.value) == ["websocket", ""])
        #expect(Array((head + frame)[used...]) == frame)
    }

    @Test func refusesOversizedAndMalformedHeads() {
        #expect(throws: WebSocketHandshakeHead.ParseError.tooLarge) {
            try WebSocketHandshakeHead.parse([UInt8](repeating: 65, count: 40), maxBytes: 32)
        }
        #expect(throws: WebSocketHandshakeHead.ParseError.tooLarge) {
            try WebSocketHandshakeHead.parse(Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 40) + "\r\n\r\n").utf8), maxBytes: 32)
        }
        #expect(throws: WebSocketHandshakeHead.ParseError.malformed("header line")) {
            try WebSocketHandshakeHead.parse(Array("GET / HTTP/1.1\r\nNo colon here\r\n\r\n".utf8))
        }
        #expect(throws: WebSocketHandshakeHead.ParseError.malformed("header line")) {
            try WebSocketHandshakeHead.parse(Array("GET / HTTP/1.1\r\nBad name: x\r\n\r\n".utf8))
        }
        #expect(throws: WebSocketHandshakeHead.ParseError.malformed("start line")) {
            try WebSocketHandshakeHead.parse(Array("GARBAGE\r\n\r\n".utf8))
        }
    }
}
