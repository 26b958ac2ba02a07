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
/// When the deadline comes first the operation is cancelled and awaited; if it
/// still produced its result (it finished in the same instant), the result
/// wins, so bytes a read already took off a socket are never dropped. Socket
/// waits honour cancellation exactly (only their own waiter is resumed), so a
/// timed-out read leaves the connection usable. With `VirtualTime` the deadline
/// passes only when the test advances the clock: timeouts tested without sleeping.
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
        if let first = try await group.next(), let result = first { return result }
        group.cancelAll()
        if let late = try? await group.next(), let result = late { return result }
        throw DeadlineExceeded(deadline: deadline)
    }
}
