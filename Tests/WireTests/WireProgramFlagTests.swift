import Testing
import TestSupport

/// The Wire demo programs refuse numbers outside their documented range with
/// exit 2 and the flag named, instead of trapping in a Duration conversion.
@Suite struct WireProgramFlagTests {
    @Test(arguments: [
        ("wire-http-demo", ["--idle-timeout", "1e300"]), ("wire-http-demo", ["--header-timeout", "1e300"]),
        ("wire-http-demo", ["fetch", "http://127.0.0.1:9/", "--timeout", "1e300"]),
        ("wire-http-demo", ["--max-connections", "1e19"]), ("wire-echo", ["--port", "70000"]),
        ("wire-echo", ["--max-message", "99999999999999999999"]),
    ])
    func outOfRangeExitsTwo(program: String, arguments: [String]) async throws {
        let run = try await ExitedProcess.run(program, arguments)
        let flag = arguments.first { $0.hasPrefix("--") } ?? ""
        #expect(run.isUsageError(naming: flag), "exit \(run.status) (\(run.reason)): \(run.standardError.prefix(300))")
    }
}
