import Clocks
@testable import HTTPCodec
@testable import Sockets
import TestSupport
import Testing
@testable import Wire

@Suite struct HTTPServerTests {
    @Test func routesByMethodAndPath() async throws {
        let test = try TestServer(router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let hello = try await HTTPClient.send(HTTPRequest(target: "/hello"), to: test.address, timeout: .seconds(5))
                #expect(hello.status == 200 && hello.bodyText == "hello\n")
                let echo = try await HTTPClient.send(
                    HTTPRequest(method: "POST", target: "/echo", body: Array("ping".utf8)), to: test.address, timeout: .seconds(5))
                #expect(echo.bodyText == "ping")
                let missing = try await HTTPClient.send(HTTPRequest(target: "/nope"), to: test.address, timeout: .seconds(5))
                #expect(missing.status == 404)
                let wrongMethod = try await HTTPClient.send(HTTPRequest(method: "DELETE", target: "/echo"), to: test.address, timeout: .seconds(5))
                #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "POST")
            }
        }
    }

    @Test func headGetsTheHeadersOfGetWithoutTheBody() async throws {
        let test = try TestServer(router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            let reply = try await within { try await test.rawExchange("HEAD /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n") }
            #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(reply.contains("Content-Length: 6\r\n"))
            #expect(reply.hasSuffix("\r\n\r\n"))
        }
    }

    @Test func keepsHTTP11ConnectionsAliveAndClosesHTTP10Ones() async throws {
        let test = try TestServer(router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                var parser = HTTPResponseParser()
                for _ in 0..<3 {
                    try await connection.write(Array("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    #expect(try await readResponse(connection, parser: &parser)?.bodyText == "hello\n")
                }
                // Pipelined: two requests in one write, two responses in order.
                try await connection.write(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\naPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nb".utf8))
                #expect(try await readResponse(connection, parser: &parser)?.bodyText == "a")
                #expect(try await readResponse(connection, parser: &parser)?.bodyText == "b")

                let legacy = try await TCPConnection.connect(to: test.address)
                defer { legacy.close() }
                try await legacy.write(Array("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".utf8))
                var legacyParser = HTTPResponseParser()
                #expect(try await readResponse(legacy, parser: &legacyParser)?.headers["Connection"] == "keep-alive")

                let old = try await test.rawExchange("GET /hello HTTP/1.0\r\n\r\n")
                #expect(old.contains("Connection: close\r\n") && old.hasSuffix("hello\n"))
            }
        }
    }

    @Test func badRequestsGetTheirStatusAndTheConnectionCloses() async throws {
        let limits = HTTPLimits(maxHeaderBytes: 256, maxBodySize: 8)
        let test = try TestServer(configuration: .init(limits: limits), router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                #expect(try await test.rawExchange("NONSENSE\r\n\r\n").hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
                #expect(try await test.rawExchange("GET / HTTP/1.1\r\nHost: t\r\nX: \(String(repeating: "a", count: 300))\r\n\r\n")
                    .hasPrefix("HTTP/1.1 431 "))
                #expect(try await test.rawExchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n").hasPrefix("HTTP/1.1 413 "))
                #expect(try await test.rawExchange("GET / HTTP/2.0\r\n\r\n").hasPrefix("HTTP/1.1 505 "))
            }
            #expect(test.log.records.contains { $0.message == "connection refused" && $0[field: "status"] == "431" })
        }
    }

    @Test func answersExpectContinueBeforeTheBody() async throws {
        let test = try TestServer(router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                try await connection.write(Array("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
                var parser = HTTPResponseParser()
                #expect(try await readResponse(connection, parser: &parser)?.status == 100)
                try await connection.write(Array("ok".utf8))
                #expect(try await readResponse(connection, parser: &parser)?.bodyText == "ok")
            }
        }
    }

    @Test func handlerFailuresAnswer500AndKeepTheServerUp() async throws {
        struct Boom: Error {}
        let test = try TestServer(router: .testing { $0.get("/boom") { _ in throw Boom() } })
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                #expect(try await HTTPClient.send(HTTPRequest(target: "/boom"), to: test.address, timeout: .seconds(5)).status == 500)
                #expect(try await HTTPClient.send(HTTPRequest(target: "/hello"), to: test.address, timeout: .seconds(5)).status == 200)
            }
        }
    }

    @Test func mockBehavioursDropResetAndRawBytes() async throws {
        let test = try TestServer(router: .testing {
            $0.route("POST", "/drop") { _ in .close }
            $0.route("POST", "/reset") { _ in .reset }
            $0.route("GET", "/garbage") { _ in .raw(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".utf8)) }
        })
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                await #expect(throws: HTTPClientError.closedWithoutResponse) {
                    try await HTTPClient.send(HTTPRequest(method: "POST", target: "/drop"), to: test.address, timeout: .seconds(5))
                }
                let reset = await #expect(throws: SocketError.self) {
                    try await HTTPClient.send(HTTPRequest(method: "POST", target: "/reset"), to: test.address, timeout: .seconds(5))
                }
                #expect(reset?.isConnectionReset == true)
                await #expect(throws: HTTPParseError.self) {
                    try await HTTPClient.send(HTTPRequest(target: "/garbage"), to: test.address, timeout: .seconds(5))
                }
            }
        }
    }

    @Test func upgradeHandsTheConnectionAndItsBufferedBytesToTheTakeover() async throws {
        let test = try TestServer(router: .testing {
            $0.route("GET", "/ws") { _ in
                .upgrade(HTTPResponse(status: 101, headers: ["Upgrade": "echo", "Connection": "Upgrade"])) { upgraded in
                    let connection = upgraded.stream
                    try? await connection.write(Array("[".utf8) + upgraded.bufferedBytes + Array("]".utf8))
                    while let bytes = try? await connection.read(), !bytes.isEmpty { try? await connection.write(bytes) }
                }
            }
        })
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                try await connection.write(Array("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: echo\r\n\r\nearly".utf8))
                var received: [UInt8] = []
                while !received.contains(UInt8(ascii: "]")) { received += try await connection.read() }
                try await connection.write(Array("late".utf8))
                try connection.shutdownWrite()
                let text = String(decoding: received + (try await readAll(connection)), as: UTF8.self)
                #expect(text.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
                #expect(text.hasSuffix("\r\n\r\n[early]late"))
            }
        }
    }

    @Test func connectionCapAnswers503() async throws {
        let test = try TestServer(configuration: .init(maxConnections: 2), router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let first = try await TCPConnection.connect(to: test.address)
                let second = try await TCPConnection.connect(to: test.address)
                defer { first.close(); second.close() }
                try await eventually { test.server.connectionCount == 2 }
                #expect(try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n").hasPrefix("HTTP/1.1 503 "))
                first.close()
                try await eventually { test.server.connectionCount == 1 }
                #expect(try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").hasSuffix("hello\n"))
            }
        }
    }
}
