import Clocks
@testable import HTTPCodec
import Logs
@testable import Sockets
import Testing
import TestSupport
@testable import Wire

/// Who gets a place on an `HTTPServer`: the server-wide cap, the per-address
/// cap (loopback exempt unless asked), and the 503 that says which one was hit.
@Suite struct HTTPServerAdmissionTests {
    /// Loopback counted, one place per address: the second connection of the same
    /// address is refused with the reason and Retry-After; once the first is gone it is served.
    @Test func oneAddressHoldsAtMostItsShareOfPlainConnections() async throws {
        let test = try TestServer(configuration: .init(maxConnections: 10, maxConnectionsPerAddress: 1, perAddressCountsLoopback: true),
                                  router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let holder = try await TCPConnection.connect(to: test.address)
                try await eventually { test.server.connectionCount == 1 }
                let refused = try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(refused.hasPrefix("HTTP/1.1 503 "))
                #expect(refused.contains("Retry-After: 1\r\n"))
                #expect(refused.hasSuffix("too many connections from your address (1)\n"))
                holder.close()
                try await eventually { test.server.connectionCount == 0 }
                let served = try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(served.hasPrefix("HTTP/1.1 200 "))
            }
        }
    }

    /// By default loopback is not counted per address (every tab and script on a laptop is 127.0.0.1).
    @Test func loopbackIsExemptFromThePerAddressCapByDefault() async throws {
        let test = try TestServer(configuration: .init(maxConnections: 10, maxConnectionsPerAddress: 1), router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let holder = try await TCPConnection.connect(to: test.address)
                defer { holder.close() }
                try await eventually { test.server.connectionCount == 1 }
                let served = try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                #expect(served.hasPrefix("HTTP/1.1 200 "))
            }
        }
    }

    /// The server-wide cap names itself, and a flood of refusals costs one warning a second.
    @Test func aFullServerSaysSoOnceASecond() async throws {
        let time = VirtualTime()
        let test = try TestServer(configuration: .init(maxConnections: 1), time: time, router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let holder = try await TCPConnection.connect(to: test.address)
                defer { holder.close() }
                try await eventually { test.server.connectionCount == 1 }
                for _ in 0..<3 {
                    let refused = try await test.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                    #expect(refused.hasSuffix("server full (1 connections)\n"))
                }
                #expect(test.messages().filter { $0 == "connection refused" }.count == 1)
            }
        }
    }

    /// A newcomer that sends nothing is answered 408 at the header timeout (a
    /// WebSocket client that never sends its handshake); only a kept-alive
    /// connection between requests is closed quietly.
    @Test func aSilentNewcomerGets408() async throws {
        let time = VirtualTime()
        let test = try TestServer(configuration: .init(headerTimeout: .seconds(3)), time: time, router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            try await within { () async throws in
                let silent = try await TCPConnection.connect(to: test.address)
                defer { silent.close() }
                try await eventually { time.sleeperCount == 1 }
                time.advance(by: .seconds(3))
                #expect(String(decoding: try await readAll(silent), as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
                try await eventually { test.server.connectionCount == 0 }
            }
        }
    }
}
