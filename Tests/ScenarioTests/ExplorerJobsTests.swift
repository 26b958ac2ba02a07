import Synchronization
import Testing
import TestSupport

@testable import Scenario

/// `explore` with several jobs, over a runner that makes seeds finish in an
/// order chosen by the test: what is printed is what one job prints.
@Suite("Explorer jobs")
struct ExplorerJobsTests {
    /// Odd seeds wait for the next seed to finish, so with two jobs every
    /// pair finishes backwards; seed 3 breaks an invariant.
    @Test func seedsFinishingOutOfOrderPrintInSeedOrder() async throws {
        let alone = OrderedRunner(failing: [3])
        let one = try await explore(alone, seeds: 1...6, jobs: 1)
        let paired = OrderedRunner(failing: [3], waits: [1: .finished(2), 3: .finished(4), 5: .finished(6)])
        let two = try await explore(paired, seeds: 1...6, jobs: 2)
        #expect(paired.finishOrder == [2, 1, 4, 3, 6, 5])
        #expect(paired.mostAtOnce == 2)
        #expect(alone.mostAtOnce == 1)
        #expect(two == one)
        #expect(one.filter { $0.hasPrefix("seed ") }.map { $0.split(separator: ":")[0] } == (1...6).map { "seed \($0)" })
        #expect(one.contains { $0.hasPrefix("explored 6 seeds, 21.0s virtual flight time, 1 violation (seeds 3)") }, "\(one)")
    }

    /// Seed 1 finishes only after seed 8, the last the window lets start
    /// before seed 1 is printed: once it is, the seeds after 8 still run.
    @Test func aSeedHeldBackToTheWindowsEdgeDoesNotEndTheRun() async throws {
        let window = UInt64(Explorer.aheadPerJob * 2)
        let one = try await explore(OrderedRunner(failing: []), seeds: 1...(window + 4), jobs: 1)
        let runner = OrderedRunner(failing: [], waits: [1: .finished(window)])
        let two = try await explore(runner, seeds: 1...(window + 4), jobs: 2)
        #expect(two == one)
        #expect(runner.finishOrder.count == Int(window) + 4)
        #expect(one.contains { $0.hasPrefix("explored \(window + 4) seeds, ") }, "\(one)")
    }

    /// Seed 3 fails once seed 2 is known to: with `stopAtFirst` it is neither shrunk nor printed.
    @Test func firstStopsAtTheLowestFailingSeedAndShrinksNoOther() async throws {
        let one = try await explore(OrderedRunner(failing: [2, 3]), seeds: 1...6, jobs: 1, stopAtFirst: true)
        let runner = OrderedRunner(failing: [2, 3], waits: [3: .shrinking(2)])
        let two = try await explore(runner, seeds: 1...6, jobs: 2, stopAtFirst: true)
        #expect(two == one)
        #expect(one.last?.hasPrefix("explored 2 seeds, 3.0s virtual flight time, 1 violation (seeds 2)") == true, "\(one)")
        #expect(runner.observed[2, default: 0] > 1)  // run, then shrunk
        #expect(runner.observed[3] == 1)  // run only: it comes after the first failing seed
    }

    /// Each line `explore` printed, but the one that says `wall`.
    func explore(_ runner: OrderedRunner, seeds: ClosedRange<UInt64>, jobs: Int, stopAtFirst: Bool = false) async throws -> [String] {
        let lines = Mutex<[String]>([])
        _ = try await within(30, "explore over \(jobs) jobs") {
            await Explorer(runner: runner, shrinkBudget: 3).explore(seeds: seeds, jobs: jobs, stopAtFirst: stopAtFirst) { line in
                lines.withLock { $0.append(line) }
            }
        }
        return lines.withLock { $0 }.filter { !$0.contains("wall") }
    }
}

/// A runner that plays nothing: a seed's run takes `seed` seconds of
/// scenario time and fails when the seed is in `failing`. A seed in `waits`
/// finishes its first run only once what it maps to has happened.
/// `@unchecked Sendable`: `state` is a `Mutex`; the rest is immutable.
final class OrderedRunner: ExploreRunner, @unchecked Sendable {
    enum Event: Hashable {
        /// The seed's first run ended.
        case finished(UInt64)
        /// The seed's second run began: it was checked and is being shrunk.
        case shrinking(UInt64)
    }
    struct State {
        var finished: [UInt64] = []
        var happened: Set<Event> = []
        var waiting: [Event: [CheckedContinuation<Void, Never>]] = [:]
        var running = 0
        var mostAtOnce = 0
        var observed: [UInt64: Int] = [:]
    }
    let failing: Set<UInt64>
    let waits: [UInt64: Event]
    private let state = Mutex(State())

    init(failing: Set<UInt64>, waits: [UInt64: Event] = [:]) {
        self.failing = failing
        self.waits = waits
    }

    var finishOrder: [UInt64] { state.withLock { $0.finished } }
    var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }
    var observed: [UInt64: Int] { state.withLock { $0.observed } }

    func observe(_ scenario: ScenarioFile) async -> Observation {
        let seed = scenario.seed
        let (first, shrinking): (Bool, [CheckedContinuation<Void, Never>]) = state.withLock {
            $0.running += 1
            $0.mostAtOnce = max($0.mostAtOnce, $0.running)
            $0.observed[seed, default: 0] += 1
            guard $0.observed[seed] == 2 else { return ($0.observed[seed] == 1, []) }
            return (false, $0.happen(.shrinking(seed)))
        }
        for waiter in shrinking { waiter.resume() }
        if first, let event = waits[seed] {
            await withCheckedContinuation { continuation in
                let happened = state.withLock {
                    if $0.happened.contains(event) { return true }
                    $0.waiting[event, default: []].append(continuation)
                    return false
                }
                if happened { continuation.resume() }
            }
        }
        let finished: [CheckedContinuation<Void, Never>] = state.withLock {
            $0.running -= 1
            guard first else { return [] }
            $0.finished.append(seed)
            return $0.happen(.finished(seed))
        }
        for waiter in finished { waiter.resume() }
        let failure = failing.contains(seed) ? ScenarioFailure(run: 1, stepIndex: 0, step: "step", expected: "an answer", received: "none") : nil
        return Observation(
            transcript: Transcript(), log: [], backendRequests: [], failure: failure, scenarioTime: .seconds(Int64(seed)))
    }
}

extension OrderedRunner.State {
    /// Records `event` and hands back whoever waited for it.
    mutating func happen(_ event: OrderedRunner.Event) -> [CheckedContinuation<Void, Never>] {
        happened.insert(event)
        return waiting.removeValue(forKey: event) ?? []
    }
}
