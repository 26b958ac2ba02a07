import Clocks
import HTTPCodec
@testable import Sockets
import Synchronization
import TestSupport
import Testing
@testable import Wire

/// A server that pauses listening refuses newcomers but keeps its port, and
/// either keeps serving its open connections or drops them ("not running").
@Suite struct HTTPServerPauseTests {
    static let hello = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test func pausedItRefusesNewcomersAndServesOpenConnectionsThenResumes() async throws {
        let rig = try TestServer(router: .testing())
        let open = try await TCPConnection.connect(to: rig.address)
        defer { open.close() }
        var parser = HTTPResponseParser()
        try await open.write(Array(Self.hello.utf8))
        #expect(try await readResponse(open, parser: &parser)?.status == 200)

        try await rig.server.pauseListening()
        #expect(!rig.server.isListening)
        let refused = await #expect(throws: SocketError.self) { try await within { try await TCPConnection.connect(to: rig.address) } }
        #expect(refused?.isConnectionRefused == true)
        try await open.write(Array(Self.hello.utf8))
        #expect(try await readResponse(open, parser: &parser)?.status == 200, "an open connection is still served")

        try rig.server.resumeListening()
        #expect(rig.server.isListening)
        let answer = try await within { try await rig.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n") }
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        await rig.server.shutdown()
    }

    @Test func pausingWithADropClosesOpenConnectionsAndCancelsTheirRequests() async throws {
        let time = VirtualTime()
        let seen = Mutex((entered: false, cancelled: false))
        let rig = try TestServer(router: .testing { router in
            router.get("/hang") { _ in
                seen.withLock { $0.entered = true }
                do {
                    try await time.sleep(for: .seconds(3600))
                } catch {
                    seen.withLock { $0.cancelled = true }
                    throw error
                }
                return .text("late\n")
            }
        })
        let idle = try await TCPConnection.connect(to: rig.address)
        let hanging = try await TCPConnection.connect(to: rig.address)
        defer { idle.close(); hanging.close() }
        var parser = HTTPResponseParser()
        try await idle.write(Array(Self.hello.utf8))
        #expect(try await readResponse(idle, parser: &parser)?.status == 200)
        try await hanging.write(Array("GET /hang HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        try await eventually("the request in its handler") { seen.withLock { $0.entered } }

        try await within { try await rig.server.pauseListening(droppingConnections: true) }
        #expect(seen.withLock { $0.cancelled }, "the request was cancelled before the pause returned")
        #expect(rig.server.connectionCount == 0)
        for connection in [idle, hanging] {
            let rest = try? await within { try await readAll(connection) }
            #expect(rest?.isEmpty ?? true, "dropped without an answer")
        }
        let refused = await #expect(throws: SocketError.self) { try await within { try await TCPConnection.connect(to: rig.address) } }
        #expect(refused?.isConnectionRefused == true)

        try rig.server.resumeListening()
        let answer = try await within { try await rig.rawExchange("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n") }
        #expect(answer.hasPrefix("HTTP/1.1 200"), "served again after the drop")
        await rig.server.shutdown()
    }

    @Test func shutdownWhilePausedEndsAndLetsThePortGo() async throws {
        let rig = try TestServer(router: .testing())
        try await rig.server.pauseListening(droppingConnections: true)
        try await within { await rig.server.shutdown() }
        try TCPListener.bind(rig.address).close()
    }
}
