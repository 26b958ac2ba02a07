import Agent
import AgentAssembly
import Testing
import TestSupport

/// Every numeric flag has a documented range; a value outside it is a usage
/// error (exit 2 with the flag named), never a crash or a silent clamp.
@Suite struct AgentOptionsRangeTests {
    static let absurd: [[String]] = [
        ["--max-connections", "1e19"], ["--max-connections", "0"], ["--max-connections", "100000"],
        ["--max-per-address", "0"], ["--max-per-address", "1e19"],
        ["--step-pause", "1e300"], ["--step-pause", "-1"], ["--step-pause", "nan"],
        ["--time-scale", "1e300"], ["--time-scale", "1e-300"], ["--time-scale", "inf"],
        ["--status-interval", "1e300"], ["--status-interval", "0.001"],
        ["--shutdown-grace", "0.5"], ["--shutdown-grace", "601"], ["--shutdown-grace", "nan"],
        ["--record-max-bytes", "65535"], ["--record-max-bytes", "1e19"], ["--record-max-bytes", "-1"],
    ]

    @Test(arguments: absurd)
    func outOfRangeIsAClearError(arguments: [String]) {
        let error = #expect(throws: AgentOptions.Invalid.self) { try AgentOptions.parse(arguments, environment: [:]) }
        #expect(error?.message.hasPrefix(arguments[0]) == true, "\(error?.message ?? "no error")")
    }

    @Test(arguments: [["--max-connections", "1e19"], ["--step-pause", "1e300"], ["--time-scale", "1e300"], ["--time-scale", "1e-300"]])
    func theExecutableExitsTwoInsteadOfCrashing(arguments: [String]) async throws {
        let run = try await ExitedProcess.run("tello-agent", arguments + ["--port", "0"])
        #expect(run.isUsageError(naming: arguments[0]), "exit \(run.status) (\(run.reason)): \(run.standardError)")
    }

    @Test func recordingIsReadAndItsBoundDefaultsTo64MiB() throws {
        guard case .run(let defaults) = try AgentOptions.parse([], environment: [:]),
              case .run(let set) = try AgentOptions.parse(["--record", "s.jsonl", "--record-max-bytes", "65536"], environment: [:]) else {
            Issue.record("help instead of options")
            return
        }
        #expect(defaults.recordPath == nil && defaults.recordMaxBytes == 64 * 1024 * 1024)
        #expect(set.recordPath == "s.jsonl" && set.recordMaxBytes == 65536)
    }

    @Test func perAddressCapIsReadAndDefaultsToTheServers() throws {
        guard case .run(let defaults) = try AgentOptions.parse([], environment: [:]),
              case .run(let set) = try AgentOptions.parse(["--max-per-address", "5"], environment: [:]) else {
            Issue.record("help instead of options")
            return
        }
        #expect(defaults.maxConnectionsPerAddress == 32)
        #expect(set.maxConnectionsPerAddress == 5)
    }

    @Test func shutdownGraceIsReadAndDefaultsToThirtySeconds() throws {
        guard case .run(let defaults) = try AgentOptions.parse([], environment: [:]),
              case .run(let set) = try AgentOptions.parse(["--shutdown-grace", "2.5"], environment: [:]) else {
            Issue.record("help instead of options")
            return
        }
        #expect(defaults.shutdownGrace == .seconds(30))
        #expect(set.shutdownGrace == .milliseconds(2500))
    }

    @Test func theRangeEdgesAreAccepted() throws {
        for arguments in [["--max-connections", "1"], ["--max-connections", "1000"], ["--time-scale", "0.01"], ["--time-scale", "100"],
                          ["--step-pause", "3600"], ["--status-interval", "0.05"], ["--shutdown-grace", "1"], ["--shutdown-grace", "600"]] {
            guard case .run = try AgentOptions.parse(arguments, environment: [:]) else { Issue.record("help for \(arguments)"); continue }
        }
    }
}
