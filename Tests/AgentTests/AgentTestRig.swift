import AgentAssembly
import Logs
import TestSupport

/// What the in-memory and the loopback agent harnesses share: the options a
/// test agent starts with, and reading the agent's log lines.
protocol AgentTestRig {
    var logs: MemorySink { get }
}

extension AgentTestRig {
    /// Plan steps 200 ms apart, a status every 500 ms, a backend nobody
    /// listens on (analyses stay queued), then the test's own changes.
    static func testOptions(_ configure: (inout AgentOptions) -> Void) -> AgentOptions {
        var options = AgentOptions()
        options.port = 0
        options.stepPause = .milliseconds(200)
        options.statusInterval = .milliseconds(500)
        options.backend = "http://127.0.0.1:9"  // the discard port: nothing listens there
        options.shutdownGrace = .seconds(30)  // a teardown that hangs fails its test soon, with room for a loaded machine
        configure(&options)
        return options
    }

    /// Log records of component `agent` with `message`.
    func records(_ message: String) -> [LogRecord] {
        logs.records.filter { $0.component == "agent" && $0.message == message }
    }

    /// Waits (bounded; in virtual time inside a simulation) until at least
    /// `count` such records were logged, and returns them.
    func records(_ message: String, atLeast count: Int) async throws -> [LogRecord] {
        try await eventually("\(count) \"\(message)\" lines", within: 10) { records(message).count >= count }
        return records(message)
    }
}
