@testable import HTTPCodec
import Testing

@Suite struct HTTPResponseParserTests {
    func parse(_ bytes: [UInt8], chunks: [Int]?, method: String = "GET", atEnd: Bool = false) throws -> [HTTPResponse] {
        var parser = HTTPResponseParser()
        var responses: [HTTPResponse] = []
        try feedInChunks(bytes, chunks: chunks) { chunk in
            parser.append(chunk)
            while let response = try parser.next(requestMethod: method) { responses.append(response) }
        }
        if atEnd, let last = try parser.finish() { responses.append(last) }
        return responses
    }

    @Test func parsesLengthChunkedAndCloseDelimitedBodies() throws {
        let bytes = Array("""
            HTTP/1.1 100 Continue\r
            \r
            HTTP/1.1 200 OK\r
            Content-Length: 2\r
            \r
            okHTTP/1.1 201 Created\r
            Transfer-Encoding: chunked\r
            \r
            3\r
            abc\r
            0\r
            \r
            HTTP/1.1 204 No Content\r
            Content-Length: 0\r
            \r
            HTTP/1.0 500 Internal Server Error\r
            \r
            until close
            """.utf8)
        for chunks in everyChunking(bytes) {
            let responses = try parse(bytes, chunks: chunks, atEnd: true)
            #expect(responses.map(\.status) == [100, 200, 201, 204, 500])
            #expect(responses.map { $0.bodyText ?? "?" } == ["", "ok", "abc", "", "until close"])
            #expect(responses[4].reason == "Internal Server Error")
        }
    }

    @Test func aResponseToHEADHasNoBodyWhateverItsHeadersSay() throws {
        let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n".utf8)
        let responses = try parse(bytes, chunks: nil, method: "HEAD")
        #expect(responses.map(\.status) == [200, 404])
        #expect(responses[0].body.isEmpty)
    }

    @Test func emptyReasonIsAllowedAndBadStatusIsNot() throws {
        #expect(try parse(Array("HTTP/1.1 204\r\n\r\n".utf8), chunks: nil).first?.reason == "")
        #expect(throws: HTTPParseError.self) { try parse(Array("HTTP/1.1 2000 OK\r\n\r\n".utf8), chunks: nil) }
        #expect(throws: HTTPParseError.self) { try parse(Array("HTTP/1.1 099 Low\r\n\r\n".utf8), chunks: nil) }
    }

    @Test func aTruncatedBodyIsAnErrorAtEndOfStream() throws {
        var parser = HTTPResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8))
        #expect(try parser.next() == nil)
        #expect(throws: HTTPParseError.self) { try parser.finish() }
    }
}

@Suite struct HTTPSerializerTests {
    @Test func requestRoundTripsThroughTheParser() throws {
        let request = HTTPRequest(method: "POST", target: "/api/ai-analysis", headers: ["Host": "localhost"], body: Array("{}".utf8))
        let bytes = request.serialized()
        #expect(String(decoding: bytes, as: UTF8.self) == "POST /api/ai-analysis HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\n{}")
        var expected = request
        expected.headers.add("Content-Length", "2")
        #expect(try parseRequests(bytes) == [expected])
    }

    @Test func chunkedRequestIsEncodedAsChunks() throws {
        let request = HTTPRequest(method: "PUT", headers: ["Host": "t", "Transfer-Encoding": "chunked"], body: Array(repeating: 65, count: 300))
        let text = String(decoding: request.serialized(), as: UTF8.self)
        #expect(text.hasPrefix("PUT / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n12c\r\nAAA"))
        #expect(text.hasSuffix("AAA\r\n0\r\n\r\n"))
        #expect(try parseRequests(request.serialized()).first?.body == request.body)
    }

    @Test func responseGetsContentLengthAndBodilessStatusesSendNoBody() throws {
        #expect(String(decoding: HTTPResponse.text("hi").serialized(), as: UTF8.self)
            == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi")
        #expect(String(decoding: HTTPResponse(status: 204, body: [1]).serialized(), as: UTF8.self)
            == "HTTP/1.1 204 No Content\r\n\r\n")
        var parser = HTTPResponseParser()
        parser.append(HTTPResponse.json(Array("{\"ok\":true}".utf8), status: 503).serialized())
        let parsed = try #require(try parser.next())
        #expect(parsed.status == 503 && parsed.reason == "Service Unavailable" && parsed.bodyText == "{\"ok\":true}")
    }
}
