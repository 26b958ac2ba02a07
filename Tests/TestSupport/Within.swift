import Clocks
import Foundation

/// Runs `body`, failing with `TimedOut` if it has not finished within
/// `seconds` of wall time; then `body` is cancelled. The caller is released at
/// the bound even when `body` ignores cancellation, so a test of a hang fails
/// instead of hanging: that is why `body` runs in a task of its own rather
/// than as a child (a child that ignores cancellation holds its parent until
/// it ends). The timer sleeps on the cooperative pool like `body` runs on it,
/// so a pool kept busy by tests running alongside delays both alike instead
/// of failing a body that was only waiting its turn.
///
/// In a `Simulation`, both tasks run on its executor and the bound is
/// `Simulation.virtualBound(seconds)` of its virtual time.
public func within<T: Sendable>(
    _ seconds: Double = 5, _ what: String = "the operation", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let outcome = Once<Result<T, any Error>>()
    let simulation = Simulation.current
    let work = Task(executorPreference: SimulationExecutor.current) {
        do {
            outcome.resume(.success(try await body()))
        } catch {
            outcome.resume(.failure(error))
        }
    }
    let timer = Task(executorPreference: SimulationExecutor.current) {
        if let simulation {
            let bound = Simulation.virtualBound(seconds)
            try await simulation.time.sleep(until: simulation.time.now + .seconds(bound))
            outcome.resume(.failure(TimedOut(what, seconds: bound, virtual: true)))
        } else {
            try await Task.sleep(for: .seconds(seconds))
            outcome.resume(.failure(TimedOut(what, seconds: seconds)))
        }
        work.cancel()
    }
    defer { timer.cancel() }
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            outcome.set { continuation.resume(with: $0) }
        }
    } onCancel: {
        work.cancel()  // the timer still bounds a body that ignores it
    }
}

/// Delivers the first of several racing results, once, to a receiver that may
/// be set before or after it arrives.
/// `@unchecked Sendable`: `state` is only touched under `lock`.
private final class Once<Value: Sendable>: @unchecked Sendable {
    private struct State {
        var receiver: (@Sendable (Value) -> Void)?
        var value: Value?
        var delivered = false
    }
    private let lock = NSLock()
    private var state = State()

    func set(_ receiver: @escaping @Sendable (Value) -> Void) {
        let ready: Value? = lock.withLock {
            guard !state.delivered, let value = state.value else {
                state.receiver = receiver
                return nil
            }
            state.delivered = true
            return value
        }
        if let ready { receiver(ready) }
    }

    func resume(_ value: Value) {
        let receiver: (@Sendable (Value) -> Void)? = lock.withLock {
            guard !state.delivered, state.value == nil else { return nil }
            guard let receiver = state.receiver else {
                state.value = value
                return nil
            }
            state.delivered = true
            return receiver
        }
        receiver?(value)
    }
}
