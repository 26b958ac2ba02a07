import Foundation
import Sockets
import TestSupport
import Testing

/// A port that is taken is reported with its address, what it was for and
/// what to do: a user with two agents sees which port and which flag.
@Suite struct BindFailureMessageTests {
    @Test func aTakenWebSocketPortIsNamedWithTheFlagToChangeIt() async throws {
        let taken = try TCPListener.bind(.loopback())
        defer { taken.close() }
        let port = taken.localAddress.port
        let run = try await ExitedProcess.run("tello-agent", ["--port", "\(port)", "--backend", "http://127.0.0.1:9"])
        #expect(run.reason == .exit && run.status != 0)
        #expect(run.standardError.contains("127.0.0.1:\(port)"), "\(run.standardError)")
        #expect(run.standardError.contains("WebSocket"), "\(run.standardError)")
        #expect(run.standardError.contains("--port"), "\(run.standardError)")
        #expect(run.standardError.contains("another tello-agent"), "\(run.standardError)")
    }
}
