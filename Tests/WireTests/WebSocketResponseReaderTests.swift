@testable import HTTPCodec
import Testing
@testable import WebSocketCodec
@testable import Wire

/// The client's reading of the server's handshake answer (HTTPResponseParser underneath).
@Suite struct WebSocketResponseReaderTests {
    @Test func waitsForTheBlankLineThenKeepsTheRest() throws {
        let head = Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Empty:\r\n\r\n".utf8)
        let frame: [UInt8] = [0x81, 0x01, 0x41]
        for cut in 0..<head.count {
            var reader = WebSocketHandshake.ResponseReader()
            let partial = try reader.feed(Array(head[..<cut]))
            #expect(partial == nil, "parsed at \(cut) bytes")
        }
        var reader = WebSocketHandshake.ResponseReader()
        let (parsed, rest) = try #require(try reader.feed(head + frame))
        #expect(parsed.status == 101 && parsed.reason == "Switching Protocols" && parsed.version == .http11)
        #expect(parsed.headers.map(\.name) == ["Upgrade", "X-Empty"])
        #expect(parsed.headers.map(\.value) == ["websocket", ""])
        #expect(rest == frame)
    }

    @Test func byteByByteFeedStopsExactlyAtTheBlankLine() throws {
        let head = Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".utf8)
        var reader = WebSocketHandshake.ResponseReader()
        var fed = 0
        var result: (HTTPResponse, [UInt8])?
        for byte in head + [0x81, 0x00] where result == nil {
            result = try reader.feed([byte])
            fed += 1
        }
        let (parsed, rest) = try #require(result)
        #expect(parsed.status == 101 && parsed.headers["Upgrade"] == "websocket")
        #expect(fed == head.count && rest.isEmpty)
    }

    @Test func aRefusalIsReturnedOnceItsHeadIsIn() throws {
        var reader = WebSocketHandshake.ResponseReader()
        let (parsed, rest) = try #require(try reader.feed(Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 100\r\n\r\npart".utf8)))
        #expect(parsed.status == 403 && parsed.body.isEmpty && rest.isEmpty)
        var closeDelimited = WebSocketHandshake.ResponseReader()
        let (untilClose, _) = try #require(try closeDelimited.feed(Array("HTTP/1.1 404 Not Found\r\n\r\nno such path".utf8)))
        #expect(untilClose.status == 404)
    }

    @Test func refusesOversizedAndMalformedHeads() {
        func invalid(_ bytes: [UInt8]) -> Bool {
            var reader = WebSocketHandshake.ResponseReader()
            do throws(WebSocketHandshake.HeadReadError) {
                _ = try reader.feed(bytes)
                return false
            } catch {
                if case .invalid = error { return true }
                return false
            }
        }
        #expect(invalid([UInt8](repeating: 65, count: 2000)))
        #expect(invalid(Array(("HTTP/1.1 101 OK\r\nX: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n").utf8)))
        #expect(invalid(Array("HTTP/1.1 101 OK\r\nNo colon here\r\n\r\n".utf8)))
        #expect(invalid(Array("HTTP/1.1 101 OK\r\nBad name: x\r\n\r\n".utf8)))
        #expect(invalid(Array("GARBAGE\r\n\r\n".utf8)))
        #expect(invalid(Array("HTTP/1.1 1O1 OK\r\n\r\n".utf8)))
    }
}
