import Clocks

/// A deadline from a `TimeSource` passed before the operation finished.
public struct DeadlineExceeded: Error, Equatable, Sendable, CustomStringConvertible {
    /// The deadline, in the time source's time.
    public let deadline: Duration

    public init(deadline: Duration) {
        self.deadline = deadline
    }

    public var description: String { "deadline \(deadline) exceeded" }
}

/// Runs `operation`, or throws `DeadlineExceeded` once `time.now` reaches `deadline`.
///
/// The loser is cancelled; socket waits honour cancellation exactly (only
/// their own waiter is resumed), so a timed-out read leaves the connection
/// usable. With `VirtualTime` the deadline passes only when the test advances
/// the clock, which is how timeouts are tested without sleeping.
public func withDeadline<Result: Sendable>(
    _ deadline: Duration, on time: any TimeSource, _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await time.sleep(until: deadline)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw DeadlineExceeded(deadline: deadline)
        }
        return result
    }
}
