import Foundation
import Scenario

// The scenario library's wall time in memory and live, in one run:
//   swift run -c release scenario-bench [PATH] [--repeat N] [--jobs N]
// Every figure is wall time measured here; the virtual flight time is the library's own.

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: inout [String], default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let number = Int(arguments[index + 1]), number > 0 else {
        return value
    }
    arguments.removeSubrange(index...(index + 1))
    return number
}
let repeats = option("--repeat", in: &arguments, default: 1)
let jobs = option("--jobs", in: &arguments, default: 2)
let path = arguments.first ?? "scenarios"

let scenarios: [ScenarioFile]
do {
    scenarios = try ScenarioLoader.load([path], filter: nil)
} catch {
    FileHandle.standardError.write(Data("scenario-bench: \(error)\n".utf8))
    exit(2)
}

/// Plays the library once per repeat with `engine`; returns the wall time and whether every scenario passed.
func measure(_ engine: AgentEngine, jobs: Int = 1) async -> (wall: Duration, passed: Bool, flight: Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let outcomes = await LibraryRun(engine: engine, repeats: repeats, jobs: jobs, output: { _ in }).run(scenarios)
    for outcome in outcomes where !outcome.passed { print("FAIL \(outcome.name)\n" + ConsoleReport.failureDetail(outcome)) }
    let flight = outcomes.reduce(Duration.zero) { $0 + $1.scenarioTime }
    return (clock.now - start, outcomes.allSatisfy(\.passed), flight)
}

func seconds(_ duration: Duration) -> String { String(format: "%.2f s", duration.seconds) }

let memory = await measure(AgentEngine())
let parallel = await measure(AgentEngine(), jobs: jobs)
let live = await measure(AgentEngine(live: true))
let cores = ProcessInfo.processInfo.activeProcessorCount
print("scenario library: \(scenarios.count) scenarios x \(repeats) run(s), \(seconds(memory.flight)) of virtual flight per pass, \(cores) cores")
print("wall in memory:            \(seconds(memory.wall))")
print("wall in memory, \(jobs) jobs:    \(seconds(parallel.wall))")
print("wall live (real sockets):  \(seconds(live.wall))")
print(String(format: "wall in memory is %.1fx faster than live (goal: 20x); %.0fx real time per core",
             live.wall / memory.wall, memory.flight * repeats / memory.wall))
exit(memory.passed && parallel.passed && live.passed ? 0 : 1)
