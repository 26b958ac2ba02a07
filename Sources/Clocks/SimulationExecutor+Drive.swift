import Synchronization

extension SimulationExecutor {
    /// Runs `body` on this executor while making `time` pass for it: each
    /// time every task of the run waits (`whenIdle`), the clock jumps to the
    /// earliest timer, and so on until `body` returns. Nothing here reads a
    /// real clock or sleeps: a run that needs an hour of flight takes as
    /// long as its code takes to run.
    ///
    /// If the run is idle with no timer left while `body` still waits, it
    /// can never go on (it waits for something nobody will send): `body`
    /// is cancelled, awaited, and `SimulationStuck` thrown, at once. So is
    /// a run that would move the clock past `limit`.
    public func drive<T: Sendable>(
        _ time: VirtualTime, limit: Duration = .seconds(24 * 3600), _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await run {
            try await withThrowingTaskGroup(of: T?.self) { group in
                let finished = Finished()
                group.addTask {
                    defer { finished.set() }
                    return try await body()
                }
                while !finished.isSet {
                    await whenIdle()
                    if finished.isSet { break }
                    guard let next = time.nextDeadline, next <= limit else {
                        // Read before cancelling: a cancelled sleeper leaves the clock.
                        let stuck = SimulationStuck(at: time.now, nextTimer: time.nextDeadline)
                        group.cancelAll()
                        _ = try? await group.next()
                        throw stuck
                    }
                    time.advance(to: next)
                }
                guard let result = try await group.next(), let value = result else { throw CancellationError() }
                return value
            }
        }
    }
}

/// A simulation run that can never go on: every task waits, and no timer is
/// left (or the next is beyond the run's limit) to wake any of them.
public struct SimulationStuck: Error, Equatable, CustomStringConvertible {
    /// Virtual time when it stopped.
    public let at: Duration
    /// The timer past the limit, if there was one.
    public let nextTimer: Duration?

    public init(at: Duration, nextTimer: Duration?) {
        self.at = at
        self.nextTimer = nextTimer
    }

    public var description: String {
        "the run waits for something that can never come at \(at)" + (nextTimer.map { " (next timer at \($0), past the limit)" } ?? " (no timer left)")
    }
}

/// Set once by the body's task, read by the driver.
private final class Finished: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }
}
