import Sockets
import WebSocketCodec

/// The tasks waiting in `WebSocketConnection.receive()`, first come, first served,
/// under a lock of their own: a cancelled receive takes its own continuation out
/// and resumes it at once, from its cancellation handler, with no task to hop
/// into the actor.
///
/// `@unchecked Sendable`: `waiting` and `nextID` are only touched under `lock`.
final class WebSocketReceivers: @unchecked Sendable {
    typealias Continuation = CheckedContinuation<WebSocketMessage?, Never>

    private let lock = Lock()
    private var waiting: [(id: UInt64, continuation: Continuation)] = []
    private var nextID: UInt64 = 0

    func newID() -> UInt64 {
        lock.withLock {
            nextID += 1
            return nextID
        }
    }

    var isEmpty: Bool { lock.withLock { waiting.isEmpty } }

    /// Parks `continuation`, unless the task was already cancelled (then it gets nil now).
    func park(_ id: UInt64, _ continuation: Continuation) {
        let cancelled: Bool = lock.withLock {
            if Task.isCancelled { return true }
            waiting.append((id, continuation))
            return false
        }
        if cancelled { continuation.resume(returning: nil) }
    }

    /// Hands `message` to the longest waiting receiver; false if there is none.
    func deliver(_ message: WebSocketMessage) -> Bool {
        let first: Continuation? = lock.withLock { waiting.isEmpty ? nil : waiting.removeFirst().continuation }
        first?.resume(returning: message)
        return first != nil
    }

    /// Resumes the receiver `id` with nil (its task was cancelled), if it still waits.
    func cancel(_ id: UInt64) {
        let found: Continuation? = lock.withLock {
            guard let index = waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return waiting.remove(at: index).continuation
        }
        found?.resume(returning: nil)
    }

    /// Resumes every receiver with nil: the connection is over and nothing is left to take.
    func endAll() {
        let all = lock.withLock {
            defer { waiting = [] }
            return waiting
        }
        for receiver in all { receiver.continuation.resume(returning: nil) }
    }
}
