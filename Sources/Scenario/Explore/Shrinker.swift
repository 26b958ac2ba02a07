/// Shrinks a scenario that breaks an invariant to a smaller one that still
/// breaks it: delta debugging (ddmin, Zeller and Hildebrandt) over the steps,
/// then over the 3002 and LLM scripts, then the rest of the setup. Each
/// candidate is a scenario value run from scratch, so the result replays as a
/// file. The drain the generator appends is kept, or "never answered" would
/// be trivially true of any cut-short run.
public struct Shrinker: Sendable {
    public let runner: any ExploreRunner
    /// Runs the shrinker may spend; then it returns the smallest scenario found so far.
    public let budget: Int

    public init(runner: any ExploreRunner, budget: Int = 150) {
        self.runner = runner
        self.budget = budget
    }

    public struct Result: Sendable {
        public var scenario: ScenarioFile
        public var violations: [Violation]
        public var runs: Int
    }

    public func shrink(_ scenario: ScenarioFile, keeping invariant: Invariant, violations: [Violation]) async -> Result {
        var state = State(best: scenario, violations: violations)
        let body = scenario.steps.filter { $0.note != WorkloadGenerator.drainNote }
        let drain = scenario.steps.filter { $0.note == WorkloadGenerator.drainNote }
        func keeping(_ steps: [ScenarioStep]) -> (ScenarioFile, [ScenarioStep]) -> ScenarioFile {
            { candidate, kept in
                var next = candidate
                next.steps = Self.playable(kept + drain)
                return next
            }
        }
        // What happens after the violation cannot matter: first the shortest
        // prefix that still breaks the invariant (a binary search, few runs),
        // then ddmin over what is left, then each step on its own.
        var low = 0
        var high = body.count
        while low < high, state.runs < budget {
            let middle = (low + high) / 2
            if await test(keeping(body)(state.best, Array(body.prefix(middle))), &state) { high = middle } else { low = middle + 1 }
        }
        var steps = await ddmin(Array(body.prefix(high)), &state, build: keeping(body))
        var index = 0
        while index < steps.count, state.runs < budget {
            var fewer = steps
            fewer.remove(at: index)
            if await test(keeping(body)(state.best, fewer), &state) { steps = fewer } else { index += 1 }
        }
        let responses = state.best.setup.backend.responses
        _ = await ddmin(responses, &state) { candidate, kept in
            var next = candidate
            next.setup.backend.responses = kept
            return next
        }
        if state.best.setup.llm != nil {
            _ = await attempt(&state) { $0.setup.llm = nil }
        }
        if let replies = state.best.setup.llm?.replies {
            _ = await ddmin(replies, &state) { candidate, kept in
                var next = candidate
                next.setup.llm?.replies = kept
                return next
            }
        }
        _ = await attempt(&state) { $0.setup.backend.down = false }
        _ = await attempt(&state) { $0.setup.simulator.battery = nil }
        _ = await attempt(&state) { $0.setup.simulator.model = nil }
        _ = await attempt(&state) { $0.setup.agent.stepPause = nil }
        return Result(scenario: state.best, violations: state.violations, runs: state.runs)

        func test(_ candidate: ScenarioFile, _ state: inout State) async -> Bool {
            guard state.runs < budget else { return false }
            state.runs += 1
            let found = InvariantCheck.violations(await runner.observe(candidate), of: candidate).filter { $0.invariant == invariant }
            guard !found.isEmpty else { return false }
            state.best = candidate
            state.violations = found
            return true
        }

        func attempt(_ state: inout State, _ change: (inout ScenarioFile) -> Void) async -> Bool {
            var candidate = state.best
            change(&candidate)
            return await test(candidate, &state)
        }

        /// ddmin over `items`; `build` makes the scenario that keeps only some of them.
        func ddmin<T>(_ items: [T], _ state: inout State, build: (ScenarioFile, [T]) -> ScenarioFile) async -> [T] {
            var current = items
            var granularity = 2
            if !current.isEmpty, await test(build(state.best, []), &state) { return [] }
            while current.count >= 2, state.runs < budget {
                let chunks = Self.split(current, into: granularity)
                var reduced = false
                for chunk in chunks {
                    guard await test(build(state.best, chunk), &state) else { continue }
                    current = chunk
                    granularity = 2
                    reduced = true
                    break
                }
                if !reduced, granularity > 2 || chunks.count > 2 {
                    for index in chunks.indices {
                        let complement = chunks.enumerated().filter { $0.offset != index }.flatMap(\.element)
                        if await test(build(state.best, complement), &state) {
                            current = complement
                            granularity = max(granularity - 1, 2)
                            reduced = true
                            break
                        }
                    }
                }
                if !reduced {
                    guard granularity < current.count else { break }
                    granularity = min(current.count, granularity * 2)
                }
            }
            return current
        }
    }

    struct State {
        var best: ScenarioFile
        var violations: [Violation]
        var runs = 0
    }

    static func split<T>(_ items: [T], into parts: Int) -> [[T]] {
        let size = (items.count + parts - 1) / parts
        return stride(from: 0, to: items.count, by: max(size, 1)).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    /// The steps that can still be played once others are gone: a client's
    /// steps only between its `connect` and the step that ends it. Steps are
    /// numbered again from 0.
    static func playable(_ steps: [ScenarioStep]) -> [ScenarioStep] {
        var open: Set<String> = []
        var kept: [ScenarioStep] = []
        for step in steps {
            switch step.action {
            case .connect(let spec):
                if spec.expectRefusal == nil { open.insert(spec.client) }
            case .send(let client, let payload):
                guard open.contains(client) else { continue }
                if case .raw = payload { open.remove(client) }
            case .close(let client, _, _), .closeWithoutStatus(let client), .vanish(let client):
                guard open.remove(client) != nil else { continue }
            case .expect(let client, _, _), .expectNothing(let client, _, _), .expectClosed(let client, _, _),
                 .stopReading(let client), .resumeReading(let client):
                guard open.contains(client) else { continue }
            case .fault(let fault):
                // A broken connection sends no more; breaking a closed one is no step.
                if let client = fault.streamClient, open.remove(client) == nil { continue }
            default:
                break
            }
            kept.append(step)
        }
        return kept.enumerated().map { ScenarioStep(index: $0.offset, note: $0.element.note, action: $0.element.action) }
    }
}
