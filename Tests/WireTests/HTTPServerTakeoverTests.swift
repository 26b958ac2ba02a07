import Clocks
import Logs
@testable import Sockets
import Testing
import TestSupport
@testable import Wire

/// A handler may answer on the raw connection itself (a streamed body), and is
/// told when the server shuts down, so the stream ends within the grace.
@Suite struct HTTPServerTakeoverTests {
    @Test func aStreamedReplyEndsWhenTheServerShutsDown() async throws {
        let time = VirtualTime()
        let router = HTTPRouter.testing {
            $0.route("GET", "/stream") { _ in
                .takeover { upgraded in
                    let (stop, stopping) = AsyncStream.makeStream(of: Void.self)
                    await upgraded.onServerShutdown { stopping.finish() }
                    try? await upgraded.stream.write(Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfirst;".utf8))
                    for await _ in stop {}
                    try? await upgraded.stream.write(Array("last".utf8))
                }
            }
        }
        let test = try TestServer(configuration: .init(shutdownGrace: .seconds(30)), time: time, router: router)
        try await within { () async throws in
            let connection = try await TCPConnection.connect(to: test.address)
            defer { connection.close() }
            try await connection.write(Array("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            var received: [UInt8] = []
            while !received.contains(UInt8(ascii: ";")) { received += try await connection.read() }
            await test.server.shutdown()
            let text = String(decoding: received + (try await readAll(connection)), as: UTF8.self)
            #expect(text == "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfirst;last")
        }
    }
}
