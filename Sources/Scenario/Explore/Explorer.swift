import Foundation

/// `tello-scenario explore`: runs a generated scenario per seed, checks every
/// invariant over what the run showed, and shrinks each failing scenario to a
/// small file that still fails, written with its seed.
public struct Explorer: Sendable {
    public let runner: any ExploreRunner
    public let generator: WorkloadGenerator
    public let shrinkBudget: Int

    public init(runner: any ExploreRunner, generator: WorkloadGenerator = WorkloadGenerator(), shrinkBudget: Int = 150) {
        self.runner = runner
        self.generator = generator
        self.shrinkBudget = shrinkBudget
    }

    /// What one seed's run gave.
    public struct SeedResult: Sendable {
        public var seed: UInt64
        public var steps: Int
        public var scenarioTime: Duration
        public var violations: [Violation]
        /// The shrunk scenario, when the run broke an invariant.
        public var shrunk: Shrinker.Result?
    }

    /// What the explored seeds added up to. Only what the summary prints is
    /// kept (counts, times, the failing seeds), not each seed's result, so a
    /// million seeds take no more memory than ten.
    public struct Summary: Sendable {
        public var seedsExplored = 0
        public var violationCount = 0
        public var failingSeeds: [UInt64] = []
        public var virtualTime: Duration = .zero
        public var wallTime: Duration = .zero
        /// Seeds run at once; said on the `wall` line only, as nothing else depends on it.
        public var jobs = 1
        public var violated: Bool { !failingSeeds.isEmpty }

        mutating func add(_ result: SeedResult) {
            seedsExplored += 1
            violationCount += result.violations.count
            if !result.violations.isEmpty { failingSeeds.append(result.seed) }
            virtualTime += result.scenarioTime
        }
    }

    /// Runs one seed and shrinks it when it breaks an invariant, unless
    /// `shouldShrink`, asked then, says its result will not be printed.
    public func explore(seed: UInt64, shouldShrink: @Sendable () -> Bool = { true }) async -> SeedResult {
        let scenario = generator.scenario(seed: seed)
        let observation = await runner.observe(scenario)
        let violations = InvariantCheck.violations(observation, of: scenario)
        var result = SeedResult(seed: seed, steps: scenario.steps.count, scenarioTime: observation.scenarioTime, violations: violations)
        if let first = violations.map(\.invariant).min(), shouldShrink() {
            var shrunk = await Shrinker(runner: runner, budget: shrinkBudget).shrink(scenario, keeping: first, violations: violations.filter { $0.invariant == first })
            shrunk.scenario.name = "explore-seed-\(seed)-\(first.rawValue)"
            shrunk.scenario.description = "Shrunk by tello-scenario explore from seed \(seed) (tello-scenario explore --seeds 1 --start \(seed)); "
                + "it breaks \(first.rawValue): " + (shrunk.violations.first?.detail ?? "")
            result.shrunk = shrunk
        }
        return result
    }

    static func lines(for result: SeedResult) -> [String] {
        let head = "seed \(result.seed): \(result.steps) steps, \(Self.seconds(result.scenarioTime)) virtual"
        guard !result.violations.isEmpty else { return [head + ", ok"] }
        var lines = [head + ", \(result.violations.count) violation\(result.violations.count == 1 ? "" : "s")"]
        lines += result.violations.prefix(8).map { "  \($0)" }
        if result.violations.count > 8 { lines.append("  ... \(result.violations.count - 8) more") }
        if let shrunk = result.shrunk {
            lines.append("  shrunk to \(shrunk.scenario.steps.count) steps in \(shrunk.runs) runs")
        }
        return lines
    }

    static func summaryLines(_ summary: Summary) -> [String] {
        let violations = summary.violationCount
        let failing = summary.failingSeeds.map { "\($0)" }
        let virtual = summary.virtualTime
        let wall = summary.wallTime
        let ratio = wall > .zero ? virtual / wall : 0
        return [
            "explored \(summary.seedsExplored) seeds, \(Self.seconds(virtual)) virtual flight time, \(violations) violation\(violations == 1 ? "" : "s")"
                + (failing.isEmpty ? "" : " (seeds \(failing.joined(separator: ", ")))"),
            "wall time \(Self.seconds(wall)) over \(summary.jobs) job\(summary.jobs == 1 ? "" : "s"), \(String(format: "%.1f", ratio)) virtual flight seconds per wall second",
        ]
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1fs", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// Writes the shrunk scenario and the seed's full scenario into `directory`.
    func write(_ result: SeedResult, _ shrunk: Shrinker.Result, to directory: String) -> [String] {
        let invariant = shrunk.violations.first?.invariant.rawValue ?? "violation"
        let base = URL(fileURLWithPath: directory)
        let minimal = base.appendingPathComponent("seed-\(result.seed)-\(invariant).json")
        let full = base.appendingPathComponent("seed-\(result.seed)-generated.json")
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            try Data(shrunk.scenario.fileText.utf8).write(to: minimal)
            try Data(generator.scenario(seed: result.seed).fileText.utf8).write(to: full)
            return ["  wrote \(minimal.path) (and the seed's whole scenario, \(full.lastPathComponent))"]
        } catch {
            return ["  could not write into \(directory): \(error.localizedDescription)"]
        }
    }
}
