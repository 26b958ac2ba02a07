@testable import HTTPCodec
import Testing

/// Hands `bytes` to `feed` in the given chunk sizes (whole when nil; the rest in one piece
/// once the sizes run out): how the codec tests split their input.
func feedInChunks(_ bytes: [UInt8], chunks: [Int]?, _ feed: (ArraySlice<UInt8>) throws -> Void) rethrows {
    var offset = 0
    var sizes = (chunks ?? [bytes.count]).makeIterator()
    while offset < bytes.count {
        let size = max(1, min(sizes.next() ?? bytes.count, bytes.count - offset))
        try feed(bytes[offset..<(offset + size)])
        offset += size
    }
}

/// Feeds `bytes` to a fresh parser in the given chunk sizes and collects every request.
func parseRequests(_ bytes: [UInt8], chunks: [Int]? = nil, limits: HTTPLimits = .default) throws -> [HTTPRequest] {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [HTTPRequest] = []
    try feedInChunks(bytes, chunks: chunks) { chunk in
        parser.append(chunk)
        while let request = try parser.next() { requests.append(request) }
    }
    return requests
}

/// The three ways every codec test feeds its input: whole, byte by byte, and seeded random splits.
func everyChunking(_ bytes: [UInt8], seed: UInt64 = 7) -> [[Int]?] {
    var random = SeededBytes(seed: seed)
    let randomSplits = (0..<5).map { _ in (0..<bytes.count).map { _ in 1 + random.next(below: 40) } }
    return [nil, Array(repeating: 1, count: bytes.count)] + randomSplits
}

@Suite struct HTTPRequestParserTests {
    static let post = Array("""
        POST /api/ai-analysis?retry=1 HTTP/1.1\r
        Host: localhost:3002\r
        Content-Type: application/json\r
        Content-Length: 13\r
        \r
        {"type":"x"}\n
        """.utf8)

    @Test func parsesARequestInAnyChunking() throws {
        for chunks in everyChunking(Self.post) {
            let requests = try parseRequests(Self.post, chunks: chunks)
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/ai-analysis")
            #expect(request.query == "retry=1")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.bodyText == "{\"type\":\"x\"}\n")
            #expect(request.keepAlive)
        }
    }

    @Test func parsesChunkedBodiesWithExtensionsAndTrailers() throws {
        let bytes = Array("""
            PUT /upload HTTP/1.1\r
            Host: t\r
            Transfer-Encoding: chunked\r
            \r
            5;name=value\r
            hello\r
            7\r
            , world\r
            0\r
            X-Checksum: 1\r
            \r

            """.utf8)
        for chunks in everyChunking(bytes) {
            let request = try #require(try parseRequests(bytes, chunks: chunks).first)
            #expect(request.bodyText == "hello, world")
        }
    }

    @Test func pipelinedRequestsComeOutOneByOne() throws {
        let bytes = Array("GET /a HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /c HTTP/1.0\r\n\r\n".utf8)
        for chunks in everyChunking(bytes) {
            let requests = try parseRequests(bytes, chunks: chunks)
            #expect(requests.map(\.path) == ["/a", "/b", "/c"])
            #expect(requests.map(\.keepAlive) == [true, true, false])
        }
    }

    @Test func acceptsBareLineFeedsAndLeadingEmptyLines() throws {
        let request = try #require(try parseRequests(Array("\r\n\nGET / HTTP/1.1\nHost: x\n\n".utf8)).first)
        #expect(request.headers["Host"] == "x")
    }

    @Test func trimsOptionalWhitespaceAndKeepsRepeatedFields() throws {
        let request = try #require(try parseRequests(Array("GET / HTTP/1.1\r\nHost: t\r\nA:  1 \t\r\nB:\r\na: 2\r\n\r\n".utf8)).first)
        #expect(request.headers.values(for: "a") == ["1", "2"])
        #expect(request.headers["b"] == "")
    }

    @Test func reportsExpectContinueOnceTheHeadIsIn() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.awaitsContinue)
        parser.append(Array("abc".utf8))
        #expect(try parser.next()?.expectsContinue == true)
        #expect(!parser.awaitsContinue)
        #expect(parser.isIdle)
    }

    @Test func endOfStreamMidRequestIsAnError() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc".utf8))
        #expect(try parser.next() == nil)
        #expect(throws: HTTPParseError.self) { try parser.finish() }
        var idle = HTTPRequestParser()
        try idle.finish()
    }

    static let malformed: [(String, Int)] = [
        ("GET /\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / HTTP/3.1\r\n\r\n", 505),
        ("GET / HTTX/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nNo colon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nName : value\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nA: bad\rvalue\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999\r\n\r\n", 413),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedInputWithTheRightStatus(_ text: String, _ status: Int) {
        for chunks in everyChunking(Array(text.utf8)) {
            let error = #expect(throws: HTTPParseError.self) { try parseRequests(Array(text.utf8), chunks: chunks) }
            #expect(error?.status == status, "\(text.debugDescription): \(String(describing: error))")
        }
    }

    @Test func repeatedIdenticalContentLengthsAreOneLength() throws {
        let request = try #require(try parseRequests(Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok".utf8)).first)
        #expect(request.bodyText == "ok")
    }

    @Test func limitsFailAsSoonAsTheyAreCrossedWithoutWaitingForANewline() {
        let limits = HTTPLimits(maxStartLineLength: 64, maxHeaderCount: 3, maxHeaderBytes: 128, maxBodySize: 16)
        func status(_ text: String) -> Int? {
            var parser = HTTPRequestParser(limits: limits)
            parser.append(Array(text.utf8))
            do { _ = try parser.next(); return nil } catch { return error.status }
        }
        #expect(status("GET /" + String(repeating: "a", count: 100)) == 414)
        #expect(status("GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "a", count: 200)) == 431)
        #expect(status("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n") == 431)
        #expect(status("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 17\r\n\r\n") == 413)
        #expect(status("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n1\r\n") == 413)
        #expect(status("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\n\r\n") == nil)
    }

    @Test func staysFailedAfterAnError() {
        var parser = HTTPRequestParser()
        parser.append(Array("BAD\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }
}

@Suite struct HTTPHostRuleTests {
    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nhOsT: a\r\n\r\n", true),
    ])
    func http11NeedsExactlyOneHost(_ text: String, _ accepted: Bool) {
        let result = Result { try parseRequests(Array(text.utf8)) }
        if accepted {
            #expect((try? result.get())?.count == 1)
        } else {
            #expect(throws: HTTPParseError.self) { try result.get() }
        }
    }
}

@Suite struct HTTPSerializerSafetyTests {
    @Test func lineBreaksInHeadersCannotSplitTheMessage() throws {
        var response = HTTPResponse.text("ok")
        response.headers.set("X-Echo", "a\r\nSet-Cookie: evil=1")
        response.reason = "OK\r\nInjected: yes"
        var parser = HTTPResponseParser()
        parser.append(response.serialized())
        let parsed = try #require(try parser.next())
        #expect(parsed.headers["X-Echo"] == "a Set-Cookie: evil=1")
        #expect(!parsed.headers.contains("Set-Cookie") && !parsed.headers.contains("Injected"))
        #expect(parsed.bodyText == "ok")
    }
}
