import Synchronization

extension Explorer {
    /// Explores `seeds`, up to `jobs` of them at once, and prints what each
    /// gave in the order of the seeds, whatever order they finish in: every
    /// seed runs on its own simulation executor (a thread of its own) and
    /// virtual clock, so its result does not depend on its neighbours, and the
    /// output is the same, byte for byte, for any `jobs` (the `wall` line aside).
    ///
    /// Seeds start in order; a finished seed waits for the ones before it, and
    /// none starts more than `aheadPerJob * jobs` seeds past the first one not
    /// yet printed, so a seed that shrinks for a long time holds back a bounded
    /// number of results. No new seed starts once `wallLimit` has passed; with
    /// `stopAtFirst` the first failing seed (in seed order) is the last
    /// printed, and seeds after it that were already running are dropped.
    public func explore(
        seeds: ClosedRange<UInt64>, jobs: Int = 1, wallLimit: Duration? = nil, outDirectory: String? = nil, printScenarios: Bool = false,
        stopAtFirst: Bool = false, output: @Sendable (String) -> Void
    ) async -> Summary {
        precondition(jobs >= 1, "jobs must be at least 1")
        let wall = ContinuousClock()
        let started = wall.now
        let lowestFailing = LowestFailingSeed()
        var summary = Summary()
        summary.jobs = jobs
        var limitPassed = false
        var stoppedAtFailure = false
        await withTaskGroup(of: SeedResult.self) { group in
            var launched = 0
            var printed = 0  // seeds printed: the next to print is lowerBound + printed
            var running = 0
            var finished: [UInt64: SeedResult] = [:]
            var scenarioShown = false  // the next seed to print has had its --print scenario shown
            var stopped = false  // no seed starts any more
            let total = seeds.count
            while true {
                while !stopped, running < jobs, launched < total, launched - printed < Self.aheadPerJob * jobs {
                    if let wallLimit, wall.now - started >= wallLimit {
                        limitPassed = true
                        stopped = true
                        break
                    }
                    let seed = seeds.lowerBound + UInt64(launched)
                    group.addTask {
                        await self.explore(seed: seed, shouldShrink: { !stopAtFirst || lowestFailing.lower(to: seed) })
                    }
                    launched += 1
                    running += 1
                }
                // Print every finished seed whose predecessors are printed.
                let printedBefore = printed
                while printed < launched {
                    let seed = seeds.lowerBound + UInt64(printed)
                    if printScenarios, !scenarioShown {
                        output(generator.scenario(seed: seed).fileText)
                        scenarioShown = true
                    }
                    guard let result = finished.removeValue(forKey: seed) else { break }
                    summary.add(result)
                    for line in Self.lines(for: result) { output(line) }
                    if let shrunk = result.shrunk, let outDirectory {
                        for line in write(result, shrunk, to: outDirectory) { output(line) }
                    }
                    printed += 1
                    scenarioShown = false
                    if stopAtFirst, !result.violations.isEmpty {
                        stopped = true
                        stoppedAtFailure = true
                        break
                    }
                }
                if stoppedAtFailure { break }
                // Printing made room in the window: start the seeds it lets in before waiting.
                if printed > printedBefore { continue }
                guard running > 0, let result = await group.next() else { break }
                running -= 1
                finished[result.seed] = result
            }
            // Seeds after a --first stop that were still running: waited for, not printed.
            while await group.next() != nil {}
        }
        if limitPassed, !stoppedAtFailure { output("stopped after \(summary.seedsExplored) seeds: the --minutes limit passed (wall)") }
        summary.wallTime = wall.now - started
        for line in Self.summaryLines(summary) { output(line) }
        return summary
    }

    /// How far past the first seed not yet printed seeds may start, per job.
    static let aheadPerJob = 4
}

/// The lowest seed known to break an invariant, for `--first`: a seed above
/// it is not shrunk, as it will not be printed.
private final class LowestFailingSeed: Sendable {
    private let seed = Atomic<UInt64>(.max)

    /// Records `failing` and says whether it is the lowest failing seed so far.
    func lower(to failing: UInt64) -> Bool {
        var current = seed.load(ordering: .relaxed)
        while failing < current {
            let (exchanged, original) = seed.compareExchange(expected: current, desired: failing, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return failing == current
    }
}
