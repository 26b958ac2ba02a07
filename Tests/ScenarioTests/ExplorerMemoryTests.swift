import Synchronization
import TestSupport
import Testing

@testable import Scenario

/// What the explorer keeps of a seed once it is printed: its line in the
/// summary, nothing of the system that ran it. A part of a stopped system
/// that stays alive (held by a cycle, or by a task nobody ends) takes its
/// whole run's agent, simulator, network and logs with it, so the memory of
/// `explore` would grow with the number of seeds.
@Suite("Explorer memory")
struct ExplorerMemoryTests {
    /// Weak references to the parts of each system the runner booted.
    final class BootedParts: Sendable {
        private let parts = Mutex<[(name: String, reference: WeakReference)]>([])

        func keep(_ system: AgentSystem) {
            let seen: [(String, AnyObject?)] = [
                ("system", system), ("agent", system.agent), ("simulator", system.simulator),
                ("network", system.memory), ("backend mock", system.backend), ("log", system.logs),
            ]
            parts.withLock { $0 += seen.map { ($0.0, WeakReference($0.1)) } }
        }

        var booted: Int { parts.withLock { $0.count } }

        /// The parts still alive, each named once with how many are.
        var alive: [String: Int] {
            parts.withLock { $0.filter { $0.reference.object != nil }.reduce(into: [:]) { $0[$1.name, default: 0] += 1 } }
        }
    }

    final class WeakReference: @unchecked Sendable {
        // `@unchecked Sendable`: set in `init` only; the runtime clears it atomically.
        weak let object: AnyObject?
        init(_ object: AnyObject?) { self.object = object }
    }

    /// Four seeds explored two at a time: once `explore` has returned, every
    /// system it booted is gone.
    @Test func nothingOfAnExploredSeedsSystemOutlivesIt() async throws {
        let parts = BootedParts()
        var runner = AgentExploreRunner()
        runner.onBoot = { parts.keep($0) }
        let explorer = Explorer(runner: runner)
        let summary = try await within(60, "four seeds explored") {
            await explorer.explore(seeds: 1...4, jobs: 2) { _ in }
        }
        #expect(summary.seedsExplored == 4)
        #expect(parts.booted >= 4 * 6)
        #expect(parts.alive.isEmpty, "still alive once explore returned: \(parts.alive.sorted { $0.key < $1.key })")
    }
}
