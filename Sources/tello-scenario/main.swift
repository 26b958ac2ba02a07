// tello-scenario: argument parsing and wiring only; see docs/scenario.md.
import Foundation
import Scenario

let out: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
let cli = ScenarioCLI(
    // A stall is written to standard output at once, next to the progress lines it interrupts.
    engine: { AgentEngine(stallTimeout: $0.stallTimeout, live: $0.live, alert: out) },
    out: out,
    err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
exit(await cli.main(Array(CommandLine.arguments.dropFirst())))
