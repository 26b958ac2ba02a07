import Foundation
import Testing

@testable import Scenario

/// An engine whose runs are given in advance, to test the repeat logic alone.
/// `@unchecked Sendable`: `calls` is only touched under `lock`.
final class ScriptedEngine: ScenarioEngine, @unchecked Sendable {
    let results: @Sendable (String, Int) -> SingleRun
    private let lock = NSLock()
    private var calls: [String] = []

    init(_ results: @escaping @Sendable (String, Int) -> SingleRun) { self.results = results }

    func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun {
        lock.withLock { calls.append("\(scenario.name)#\(run)") }
        return results(scenario.name, run)
    }

    var played: [String] { lock.withLock { calls } }
}

/// Collects values handed over from any task (printed lines, transcript events).
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class Collected<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Element] = []
    func append(_ element: Element) { lock.withLock { stored.append(element) } }
    var all: [Element] { lock.withLock { stored } }
}

typealias Lines = Collected<String>

@Suite("Library run (repeats and determinism)")
struct LibraryRunTests {
    /// Side by side, scenarios finish in any order; the lines come out in library order all the same.
    @Test func jobsPlayScenariosSideBySideAndReportInLibraryOrder() async {
        let started = Collected<String>()
        let engine = ScriptedEngine { name, _ in SingleRun(transcript: Self.transcript(name), failure: nil, scenarioTime: .seconds(1)) }
        let slowFirst = SlowFirstEngine(inner: engine, started: started)
        let lines = Lines()
        let names = ["a", "b", "c", "d", "e"]
        let outcomes = await LibraryRun(engine: slowFirst, jobs: 3, output: lines.append)
            .run(names.map { ScenarioFile(name: $0, steps: []) })
        #expect(outcomes.map(\.name) == names)
        #expect(lines.all.prefix(5).map { $0.split(separator: " ")[2] } == ["a", "b", "c", "d", "e"])
        #expect(Set(started.all.prefix(3)) == ["a", "b", "c"], "three start before any finishes")
    }

    static func transcript(_ lines: String...) -> Transcript {
        var t = Transcript()
        for line in lines { t.record(.received(client: "a", message: .text(#"{"type":"\#(line)"}"#))) }
        return t
    }

    let scenarios = [ScenarioFile(path: "a.json", name: "a", steps: []), ScenarioFile(path: "b.json", name: "b", steps: [])]

    @Test func identicalRunsPass() async {
        let engine = ScriptedEngine { _, _ in SingleRun(transcript: Self.transcript("x", "y"), failure: nil, scenarioTime: .seconds(3)) }
        let lines = Lines()
        let outcomes = await LibraryRun(engine: engine, repeats: 3, output: { lines.append($0) }).run(scenarios)
        #expect(outcomes.map(\.passed) == [true, true])
        #expect(outcomes.map(\.runs) == [3, 3])
        #expect(outcomes[0].scenarioTime == .seconds(3))
        #expect(engine.played == ["a#1", "a#2", "a#3", "b#1", "b#2", "b#3"])
        #expect(lines.all.count == 3)
        #expect(lines.all[0].hasPrefix("[1/2] PASS a  3 runs"))
        #expect(lines.all[2].hasPrefix("2 scenarios: 2 passed, 0 failed"))
    }

    @Test func aDifferingTranscriptFailsAndNamesTheFirstDifferentLine() async {
        let engine = ScriptedEngine { _, run in
            SingleRun(transcript: run == 2 ? Self.transcript("x", "z") : Self.transcript("x", "y"), failure: nil, scenarioTime: .zero)
        }
        let outcome = await LibraryRun(engine: engine, repeats: 5, output: { _ in }).runRepeatedly(scenarios[0])
        #expect(outcome.runs == 2)
        let failure = outcome.failure
        #expect(failure?.run == 2)
        #expect(failure?.stepIndex == nil)
        #expect(failure?.step == "transcript of run 2 differs from run 1 at line 2")
        #expect(failure?.expected == #"a: <- {"type":"y"}"#)
        #expect(failure?.received == #"a: <- {"type":"z"}"#)
    }

    @Test func aShorterTranscriptFailsAtItsEnd() {
        let failure = LibraryRun.difference(Self.transcript("x", "y"), Self.transcript("x"), run: 4)
        #expect(failure?.expected == #"a: <- {"type":"y"}"#)
        #expect(failure?.received == "")
    }

    @Test func aFailingRunStopsTheRepeatsOfThatScenarioOnly() async {
        let engine = ScriptedEngine { name, run in
            let failure = name == "a" && run == 2
                ? ScenarioFailure(run: run, stepIndex: 0, step: "expect a", expected: "e", received: "r") : nil
            return SingleRun(transcript: Self.transcript("x"), failure: failure, scenarioTime: .zero)
        }
        let lines = Lines()
        let outcomes = await LibraryRun(engine: engine, repeats: 3, output: { lines.append($0) }).run(scenarios)
        #expect(outcomes.map(\.passed) == [false, true])
        #expect(engine.played == ["a#1", "a#2", "b#1", "b#2", "b#3"])
        #expect(lines.all[1].contains("run 2, step 1 (expect a)"))
        #expect(lines.all.last?.hasPrefix("2 scenarios: 1 passed, 1 failed (a)") == true)
    }
}

/// Holds "a" until every other scenario has started, so "a" finishes after later ones.
/// `@unchecked Sendable`: `waiting` is only touched under `lock`.
final class SlowFirstEngine: ScenarioEngine, @unchecked Sendable {
    let inner: ScriptedEngine
    let started: Collected<String>
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Void, Never>?
    private var released = false

    init(inner: ScriptedEngine, started: Collected<String>) {
        self.inner = inner
        self.started = started
    }

    func play(_ scenario: ScenarioFile, run: Int) async -> SingleRun {
        started.append(scenario.name)
        if scenario.name == "a" {
            await withCheckedContinuation { continuation in
                let go: Bool = lock.withLock {
                    if !released { waiting = continuation }
                    return released
                }
                if go { continuation.resume() }
            }
        } else if scenario.name == "e" {
            lock.withLock { () -> CheckedContinuation<Void, Never>? in
                released = true
                defer { waiting = nil }
                return waiting
            }?.resume()
        }
        return await inner.play(scenario, run: run)
    }
}
