// tello-scenario: argument parsing and wiring only; see docs/scenario.md.
import Foundation
import Scenario

let cli = ScenarioCLI(
    engine: { AgentEngine() },
    out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
    err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
exit(await cli.main(Array(CommandLine.arguments.dropFirst())))
