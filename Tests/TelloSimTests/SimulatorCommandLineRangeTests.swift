import TelloSim
import Testing
import TestSupport

/// tello-sim's numeric flags: refused with the flag named, before anything binds.
@Suite("tello-sim flag ranges")
struct SimulatorCommandLineRangeTests {
    @Test(arguments: [
        ["--time-scale", "1e300"], ["--time-scale", "1e-300"], ["--battery", "150"], ["--battery", "-1"],
        ["--reply-delay-ms", "1e19"], ["--reply-delay-ms", "99999999999"], ["--command-port", "70000"],
        ["--control-port", "70000"], ["--drones", "65"],
        ["--drones", "3", "--command-port", "65535"],
        ["--drones", "2", "--bind", "255.255.255.255", "--consecutive-addresses"],
    ])
    func outOfRangeIsRefusedByTheParser(arguments: [String]) {
        #expect(throws: CommandLineError.self) { try SimulatorCommandLine(arguments: arguments) }
    }

    @Test(arguments: [["--time-scale", "1e300"], ["--battery", "150"], ["--drones", "3", "--command-port", "65535"]])
    func theExecutableExitsTwoBeforeListening(arguments: [String]) async throws {
        let run = try await ExitedProcess.run("tello-sim", arguments + ["--bind", "127.0.0.1"])
        #expect(run.isUsageError(naming: arguments.first(where: { $0 != "--drones" }) ?? arguments[0]),
                "exit \(run.status) (\(run.reason)): \(run.standardError)")
        #expect(!run.standardOutput.contains("listening"))
    }

    /// The control endpoint can crash a drone and has no authentication: said on stderr when it leaves loopback.
    @Test func aControlEndpointOffLoopbackIsWarnedAbout() throws {
        let local = try SimulatorCommandLine(arguments: ["--control-port", "0"])
        #expect(local.warnings.isEmpty)
        let exposed = try SimulatorCommandLine(arguments: ["--control-port", "0", "--control-host", "0.0.0.0"])
        #expect(exposed.warnings.contains { $0.contains("0.0.0.0") && $0.contains("control endpoint") })
    }

    /// 192.0.2.1 (a documentation address) is not this machine's: the warning is printed,
    /// then binding fails, so the test never listens beyond loopback.
    @Test func theExecutableWarnsOnStandardError() async throws {
        let run = try await ExitedProcess.run("tello-sim", ["--bind", "127.0.0.1", "--command-port", "0", "--control-port", "0",
                                                            "--control-host", "192.0.2.1"])
        #expect(run.standardError.contains("tello-sim: warning: the control endpoint on 192.0.2.1"), "\(run.standardError)")
        #expect(run.standardError.contains("cannot bind 192.0.2.1:0 for the control endpoint"), "\(run.standardError)")
        #expect(run.status == 2)
    }

    /// The bench refuses a bad number instead of measuring something else than asked.
    @Test(arguments: [["--clients", "0"], ["--seconds", "1e9"]])
    func theBenchRefusesOutOfRangeNumbers(arguments: [String]) async throws {
        let run = try await ExitedProcess.run("tello-sim-bench", arguments)
        #expect(run.isUsageError(naming: arguments[0]), "exit \(run.status): \(run.standardError)")
    }
}
