import Clocks
@testable import HTTPCodec
@testable import Sockets
import TestSupport
import Testing
@testable import Wire

/// Timeouts and shutdown, on virtual time: nothing here sleeps.
@Suite struct HTTPServerTimeoutTests {
    let time = VirtualTime()
    let configuration = HTTPServerConfiguration(
        headerTimeout: .seconds(10), idleTimeout: .seconds(60), shutdownGrace: .seconds(5))

    @Test func aSlowRequestHeadGets408() async throws {
        let test = try TestServer(configuration: configuration, time: time, router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                try await connection.write(Array("GET /hello HTTP/1.1\r\nHost: t\r\n".utf8))
                try await eventually { time.sleeperCount == 1 && time.nextDeadline == .seconds(10) }
                time.advance(by: .seconds(10))
                #expect(String(decoding: try await readAll(connection), as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
            }
        }
    }

    @Test func aBodyThatStallsIsCutOffAfterTheIdleTimeout() async throws {
        let test = try TestServer(configuration: configuration, time: time, router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                try await connection.write(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc".utf8))
                try await eventually { time.nextDeadline == .seconds(60) }
                time.advance(by: .seconds(60))
                #expect(String(decoding: try await readAll(connection), as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
            }
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosedQuietly() async throws {
        let test = try TestServer(configuration: configuration, time: time, router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let connection = try await TCPConnection.connect(to: test.address)
                defer { connection.close() }
                try await connection.write(Array("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
                var parser = HTTPResponseParser()
                #expect(try await readResponse(connection, parser: &parser)?.status == 200)
                // Idle (waiting for the next request) means its idle timer started before the clock moves:
                // the response write's own deadline is also at 60 s, and must not be mistaken for it.
                let server = test.server
                try await eventually {
                    server.lock.withLock { server.connections.values.contains(where: \.idle) } && time.nextDeadline == .seconds(60)
                }
                time.advance(by: .seconds(59))
                #expect(time.sleeperCount == 1)
                time.advance(by: .seconds(1))
                #expect(try await connection.read() == [])
            }
            #expect(test.messages().contains("idle connection closed"))
        }
    }

    @Test func shutdownFinishesInFlightRequestsAndClosesIdleOnes() async throws {
        let time = time
        let test = try TestServer(configuration: configuration, time: time, router: .testing {
            $0.get("/slow") { _ in
                try await time.sleep(for: .seconds(2))
                return .text("done")
            }
        })
        try await within { () async throws in
            let idle = try await TCPConnection.connect(to: test.address)
            defer { idle.close() }
            let busy = try await TCPConnection.connect(to: test.address)
            defer { busy.close() }
            try await busy.write(Array("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            try await eventually { time.nextDeadline == .seconds(2) }

            let stopping = Task { await test.server.shutdown() }
            #expect(try await idle.read() == [])
            await #expect(throws: SocketError.self) { try await TCPConnection.connect(to: test.address) }
            time.advance(by: .seconds(2))
            let reply = String(decoding: try await readAll(busy), as: UTF8.self)
            #expect(reply.contains("Connection: close\r\n") && reply.hasSuffix("done"))
            await stopping.value
            #expect(test.server.connectionCount == 0)
        }
    }

    @Test func shutdownCancelsHandlersThatOutliveTheGrace() async throws {
        let time = time
        let test = try TestServer(configuration: configuration, time: time, router: .testing {
            $0.get("/hang") { _ in
                try await time.sleep(for: .seconds(3600))
                return .text("never")
            }
        })
        try await within { () async throws in
            let connection = try await TCPConnection.connect(to: test.address)
            defer { connection.close() }
            try await connection.write(Array("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            try await eventually { time.nextDeadline == .seconds(3600) }
            let stopping = Task { await test.server.shutdown() }
            try await eventually { time.nextDeadline == .seconds(5) }
            time.advance(by: .seconds(5))
            await stopping.value
            #expect(try await connection.read() == [])
        }
        #expect(test.messages().contains("shutdown grace over: cancelled in-flight requests"))
    }
}
