import Foundation

/// Writes on one connection take turns, in the order they ask, each in the
/// task that asked (no task per write): a pong or close reply from the
/// reader never lands inside a frame a step is still writing, and the
/// reactor allows one writer per socket.
///
/// `@unchecked Sendable`: `busy`, `waiting` and `count` are only touched
/// under `lock`; continuations are resumed outside it.
final class WriteTurns: @unchecked Sendable {
    private let lock = NSLock()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var count = 0

    /// Writes queued or under way (a stuck run names them).
    var inFlight: Int { lock.withLock { count } }

    /// Runs `write` once every write that asked before it has ended.
    func take<T>(_ write: () async throws -> T) async rethrows -> T {
        await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                count += 1
                guard busy else {
                    busy = true
                    return true
                }
                waiting.append(turn)
                return false
            }
            if now { turn.resume() }
        }
        defer {
            let next: CheckedContinuation<Void, Never>? = lock.withLock {
                count -= 1
                guard !waiting.isEmpty else {
                    busy = false
                    return nil
                }
                return waiting.removeFirst()
            }
            next?.resume()
        }
        return try await write()
    }
}
