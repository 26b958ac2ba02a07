import Testing
import TestSupport

/// bridge-mocks refuses numbers outside their range instead of clamping them.
@Suite struct BridgeMocksFlagTests {
    @Test(arguments: [
        ["backend3002", "--port", "70000"], ["llm", "--port", "70000"], ["backend3002", "--status", "99999999999999999999"],
        ["backend3002", "--status", "42"], ["backend3002", "--delay-ms", "1e300"], ["llm", "--delay-ms", "99999999999999"],
    ])
    func outOfRangeExitsTwo(arguments: [String]) async throws {
        let run = try await ExitedProcess.run("bridge-mocks", arguments)
        #expect(run.isUsageError(naming: arguments[1]), "exit \(run.status) (\(run.reason)): \(run.standardError)")
        #expect(!run.standardOutput.contains("listening"))
    }
}
