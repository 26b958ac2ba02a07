import Sockets
import TestSupport
import Testing

/// tello-sim names the port it could not take and the flag that moves it.
@Suite("tello-sim bind failures")
struct SimulatorBindFailureTests {
    @Test func aTakenCommandPortIsNamed() async throws {
        let taken = try UDPSocket.bind(.loopback())
        defer { taken.close() }
        let port = taken.localAddress.port
        let run = try await ExitedProcess.run("tello-sim", ["--bind", "127.0.0.1", "--command-port", "\(port)"])
        #expect(run.reason == .exit && run.status != 0)
        #expect(run.standardError.contains("127.0.0.1:\(port)"), "\(run.standardError)")
        #expect(run.standardError.contains("--command-port"), "\(run.standardError)")
        #expect(!run.standardOutput.contains("listening"))
    }

    @Test func aTakenControlPortIsNamed() async throws {
        let taken = try TCPListener.bind(.loopback())
        defer { taken.close() }
        let port = taken.localAddress.port
        let run = try await ExitedProcess.run("tello-sim", ["--bind", "127.0.0.1", "--command-port", "0", "--control-port", "\(port)"])
        #expect(run.reason == .exit && run.status != 0)
        #expect(run.standardError.contains("127.0.0.1:\(port)"), "\(run.standardError)")
        #expect(run.standardError.contains("--control-port"), "\(run.standardError)")
    }
}
