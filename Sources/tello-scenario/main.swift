// tello-scenario: argument parsing and wiring only; see docs/scenario.md.
import Foundation
import Scenario

// Output piped into a reader that stops early (`| head`) must not end the run half way:
// the socket layer ignores SIGPIPE once it starts anyway, so it is ignored from the first
// line, and a write that fails is dropped instead of trapping; the exit status stays the run's.
signal(SIGPIPE, SIG_IGN)
let out: @Sendable (String) -> Void = { try? FileHandle.standardOutput.write(contentsOf: Data(($0 + "\n").utf8)) }
let cli = ScenarioCLI(
    // A stall is written to standard output at once, next to the progress lines it interrupts.
    engine: { AgentEngine(stallTimeout: $0.stallTimeout, live: $0.live, tracing: $0.traceDirectory != nil, alert: out) },
    out: out,
    err: { try? FileHandle.standardError.write(contentsOf: Data(($0 + "\n").utf8)) })
exit(await cli.main(Array(CommandLine.arguments.dropFirst())))
