import Clocks
@testable import HTTPCodec
@testable import Sockets
import TestSupport
import Testing
@testable import Wire

@Suite struct HTTPClientTests {
    @Test func postsToAURL() async throws {
        let test = try TestServer(router: .testing())
        try await withTeardown({ await test.server.shutdown() }) { () async throws in
            let url = "http://localhost:\(test.address.port)/echo"
            let response = try await within { () async throws in
                try await HTTPClient.send(HTTPRequest(method: "POST", body: Array("{}".utf8)), to: url, timeout: .seconds(5))
            }
            #expect(response.bodyText == "{}")
        }
    }

    @Test func refusedWhenNobodyListens() async throws {
        let refusing = try RefusingPort()
        let address = refusing.address
        let error = await #expect(throws: SocketError.self) {
            try await within { try await HTTPClient.send(HTTPRequest(), to: address, timeout: .seconds(5)) }
        }
        withExtendedLifetime(refusing) {}
        #expect(error?.isConnectionRefused == true)
    }

    @Test func aHardDeadlineEndsAHangingExchange() async throws {
        let serverTime = VirtualTime()
        let test = try TestServer(time: serverTime, router: .testing {
            $0.get("/hang") { _ in
                try await serverTime.sleep(for: .seconds(3600))
                return .text("never")
            }
        })
        // The handler sleeps on the server's virtual clock, and shutdown
        // waits for handlers: the teardown ends its sleep first.
        try await withTeardown({
            serverTime.advance(by: .seconds(3600))
            await test.server.shutdown()
        }) { () async throws in
            let clientTime = VirtualTime()
            let exchange = Task {
                try await HTTPClient.send(HTTPRequest(target: "/hang"), to: test.address, timeout: .seconds(5), time: clientTime)
            }
            try await eventually { serverTime.nextDeadline == .seconds(3600) }
            clientTime.advance(by: .seconds(5))
            await #expect(throws: DeadlineExceeded.self) { try await within { try await exchange.value } }
        }
    }

    @Test func parsesURLs() throws {
        let url = try #require(HTTPURL("http://localhost:3002/api/ai-analysis?x=1#frag"))
        #expect(url.address == SocketAddress("127.0.0.1:3002"))
        #expect(url.authority == "localhost:3002")
        #expect(url.target == "/api/ai-analysis?x=1")
        #expect(HTTPURL("http://127.0.0.1")?.address.port == 80)
        #expect(HTTPURL("http://127.0.0.1?a")?.target == "/?a")
        #expect(HTTPURL("https://127.0.0.1/") == nil)
        #expect(HTTPURL("http://example.com/") == nil)
        #expect(HTTPURL("http://127.0.0.1:99999/") == nil)
    }
}
