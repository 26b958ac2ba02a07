import Foundation

struct NeverHappened: Error {}

/// Waits (bounded by 10 s of real time) until `condition` holds: the tests
/// here drive virtual time, and wait only for the tasks it woke to react.
func until(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw NeverHappened() }
        try await Task.sleep(for: .milliseconds(1))
    }
}
