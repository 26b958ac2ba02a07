import Dispatch
import Foundation

/// Runs `body`, failing with `TimedOut` if it has not finished within
/// `seconds` of wall time; then `body` is cancelled. The bound is a Dispatch
/// timer, so it fires even when the cooperative pool is blocked, and the
/// caller is released even when `body` ignores cancellation: a test of a
/// hang fails instead of hanging. (That is why `body` runs in a task of its
/// own rather than as a child: a child that ignores cancellation would hold
/// its parent until it ends.)
public func within<T: Sendable>(
    _ seconds: Double = 5, _ what: String = "the operation", _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let outcome = Once<Result<T, any Error>>()
    let task = Task {
        do {
            outcome.resume(.success(try await body()))
        } catch {
            outcome.resume(.failure(error))
        }
    }
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            outcome.set { continuation.resume(with: $0) }
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { @Sendable in
                outcome.resume(.failure(TimedOut(what, seconds: seconds)))
                task.cancel()
            }
        }
    } onCancel: {
        task.cancel()
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
