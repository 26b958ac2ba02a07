/// Runs `operation` against a hard deadline on `time`; nil if the deadline
/// came first.
///
/// One of the project's two deadline races, for the calls that must keep a
/// promise measured in wall time whatever the callee does: an HTTP exchange
/// with the 3002 backend or a model (URLSession's `timeoutInterval` is only
/// an idle timeout, so a server that trickles bytes never trips it, and its
/// cancellation arrives on URLSession's own queue, late). This returns at
/// the deadline even if the operation ignores cancellation: the loser is
/// cancelled and its result discarded, not awaited.
///
/// Everything else (sockets, our own loops, anything that honours
/// cancellation) uses Wire's `withDeadline`, which cancels the loser and
/// awaits it, so nothing outlives the call and bytes a read already took are
/// never dropped.
///
/// This file holds the package's only unstructured tasks in production
/// code (a test in PackageLayoutTests keeps it so): a loser that ignores
/// cancellation cannot be a child, because a child holds its parent until
/// it ends, and not waiting for it is the point of a hard deadline.
public func withHardDeadline<T: Sendable>(
    _ deadline: Duration, on time: any TimeSource, _ operation: @escaping @Sendable () async -> T
) async -> T? {
    let race = Race<T>()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            race.start(continuation)
            // Unstructured by purpose: a child task would be awaited, and not awaiting a deaf loser is the point.
            // In a simulation run both stay on its executor, so the run still knows when it is idle.
            let executor = SimulationExecutor.current
            race.add(Task(executorPreference: executor) { race.finish(await operation()) })
            race.add(Task(executorPreference: executor) {
                try? await time.sleep(until: deadline)
                race.finish(nil)
            })
        }
    } onCancel: {
        race.finish(nil)
    }
}

/// An operation (an HTTP exchange) started once and awaited against one
/// hard deadline after another: the 3002 bridge lets a POST that missed its
/// deadline run on through the backoff, so a late answer still counts, and
/// only then cancels it. The caller owns it: it must `cancel()` it before it
/// returns (a transport that ignores the cancellation is the one thing left
/// behind, as with `withHardDeadline`).
public struct AbandonableOperation<T: Sendable>: Sendable {
    private let task: Task<T, Never>

    public init(_ operation: @escaping @Sendable () async -> T) {
        // Unstructured by purpose: see the file's header. On a simulation run's executor, as the races above.
        task = Task(executorPreference: SimulationExecutor.current) { await operation() }
    }

    /// The result, or nil if `deadline` came first (the operation runs on).
    public func result(by deadline: Duration, on time: any TimeSource) async -> T? {
        await withHardDeadline(deadline, on: time) { await task.value }
    }

    public func cancel() { task.cancel() }
}

/// The first result wins; everything still running is then cancelled.
///
/// `@unchecked Sendable`: all state is guarded by `lock`; the continuation
/// is resumed and tasks are cancelled outside it.
private final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = Condition()
    private var continuation: CheckedContinuation<T?, Never>?
    private var tasks: [Task<Void, Never>] = []
    private var finished = false
    private var early: T??

    func start(_ c: CheckedContinuation<T?, Never>) {
        let result: T?? = lock.withLock {
            if finished { return early }
            continuation = c
            return nil
        }
        if let result { c.resume(returning: result) }
    }

    func add(_ task: Task<Void, Never>) {
        let done = lock.withLock {
            if !finished { tasks.append(task) }
            return finished
        }
        if done { task.cancel() }
    }

    func finish(_ value: T?) {
        let (c, losers): (CheckedContinuation<T?, Never>?, [Task<Void, Never>]) = lock.withLock {
            guard !finished else { return (nil, []) }
            finished = true
            early = .some(value)
            defer { continuation = nil; tasks = [] }
            return (continuation, tasks)
        }
        c?.resume(returning: value)
        for task in losers { task.cancel() }
    }
}
