import Agent
import Foundation

extension ScenarioCLI {
    /// Explores seeds (or checks one file's run) and returns the exit status:
    /// 0 no invariant broken, 1 one was, 2 the replayed file could not be read.
    func explore(_ options: ExploreOptions, runner: any ExploreRunner) async -> Int32 {
        let explorer = Explorer(runner: runner, shrinkBudget: options.shrinkRuns)
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
            seeds: options.start...last, jobs: options.jobs, wallLimit: options.minutes.map { .milliseconds(Int64($0 * 60_000)) },
            outDirectory: options.outDirectory, printScenarios: options.printScenarios, stopAtFirst: options.stopAtFirst,
            output: out)
        return summary.violated ? 1 : 0
    }
}

extension ScenarioCLI {
    /// The environment variable that plants bugs in the agent for the
    /// explorer's own tests (`PlantedBugs`): TEST ONLY, read by debug builds
    /// only, ignored by release builds. Names separated by commas.
    public static let plantedBugsVariable = "TELLO_SCENARIO_TEST_ONLY_PLANTED_BUGS"

    /// The explorer's runner: the agent in this process, with the planted bugs
    /// the environment names when this is a debug build.
    static func exploreRunner(_ options: ExploreOptions, environment: [String: String]) throws -> AgentExploreRunner {
        var planted = PlantedBugs()
        #if DEBUG
            for name in (environment[plantedBugsVariable] ?? "").split(separator: ",").map(String.init) where !name.isEmpty {
                guard let bug = PlantedBugs.named.first(where: { $0.0 == name })?.1 else {
                    throw UsageError("\(plantedBugsVariable): unknown bug \"\(name)\"; known: " + PlantedBugs.named.map(\.0).joined(separator: ", "))
                }
                planted.insert(bug)
            }
        #endif
        return AgentExploreRunner(planted: planted, stallTimeout: options.stallTimeout)
    }
}
