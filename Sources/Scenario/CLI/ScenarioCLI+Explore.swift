import Foundation

extension ScenarioCLI {
    /// Explores seeds (or checks one file's run) and returns the exit status:
    /// 0 no invariant broken, 1 one was, 2 the replayed file could not be read.
    func explore(_ options: ExploreOptions, runner: any ExploreRunner) async -> Int32 {
        let explorer = Explorer(runner: runner)
        if let path = options.replay {
            let scenario: ScenarioFile
            do {
                scenario = try ScenarioFile(contentsOf: path)
            } catch {
                err("\(error)")
                return 2
            }
            let violations = InvariantCheck.violations(await runner.observe(scenario), of: scenario)
            for violation in violations { out(violation.description) }
            out("\(path): \(violations.count) violation\(violations.count == 1 ? "" : "s")")
            return violations.isEmpty ? 0 : 1
        }
        let last = options.start + options.seeds - 1
        let summary = await explorer.explore(
            seeds: options.start...last, wallLimit: options.minutes.map { .milliseconds(Int64($0 * 60_000)) },
            outDirectory: options.outDirectory, printScenarios: options.printScenarios, output: out)
        return summary.violated ? 1 : 0
    }
}
