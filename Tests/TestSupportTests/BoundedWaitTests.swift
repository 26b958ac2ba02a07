import Foundation
import Testing
import TestSupport

/// The bounds every test leans on must themselves hold: a body that ignores
/// cancellation still releases its caller at the bound, and a condition that
/// never holds fails naming what was awaited.
@Suite struct BoundedWaitTests {
    @Test func withinReturnsTheResultOrTheBodysError() async throws {
        #expect(try await within(5) { 42 } == 42)
        await #expect(throws: CancellationError.self) { try await within(5) { throw CancellationError() } }
    }

    @Test func withinReleasesTheCallerAtTheBoundEvenWhenTheBodyIgnoresCancellation() async throws {
        let parked = Parked()
        await #expect(throws: TimedOut.self) {
            try await within(0.2, "a body that never ends") { await parked.wait() }
        }
        parked.release()  // lets the abandoned body end
    }

    /// A stretch in which the poller did not run (a pool kept busy elsewhere,
    /// here a first check that takes 300 ms) is not held against a 200 ms budget.
    @Test func aStallOfThePollerIsNotCountedInFull() async throws {
        let checks = Counter()
        try await eventually("the third check", within: 0.2) {
            if checks.next() == 1 { try await Task.sleep(for: .milliseconds(300)) }
            return checks.value >= 3
        }
    }

    @Test func eventuallyWaitsForTheConditionAndNamesItWhenItNeverHolds() async throws {
        let flag = Parked()
        Task.detached { @Sendable in
            try? await Task.sleep(for: .milliseconds(20))
            flag.release()
        }
        try await eventually("the flag") { flag.isReleased }
        do {
            try await eventually("a condition that never holds", within: 0.1) { false }
            Issue.record("eventually returned for a condition that never held")
        } catch let timedOut as TimedOut {
            #expect(timedOut.description == "timed out after 0.1 s waiting for a condition that never holds")
        }
    }
}

/// Counts calls. `@unchecked Sendable`: `count` is only touched under `lock`.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
    var value: Int { lock.withLock { count } }
}

/// A waiter that ignores cancellation until released.
/// `@unchecked Sendable`: `waiter` and `released` are only touched under `lock`.
final class Parked: @unchecked Sendable {
    private let lock = NSLock()
    private var waiter: CheckedContinuation<Void, Never>?
    private var released = false

    var isReleased: Bool { lock.withLock { released } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                if released { return true }
                waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            released = true
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume()
    }
}
