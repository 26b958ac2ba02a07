import Foundation

/// Whether a scripted client reads its socket (`stop_reading`,
/// `resume_reading`): its reader passes the gate before every read and parks
/// at it while it is shut, so what the agent sends stays in the network's
/// buffers, as with a frozen page.
///
/// `@unchecked Sendable`: `shut` and `parked` are only touched under `lock`;
/// the continuation is resumed outside it.
final class ReadGate: @unchecked Sendable {
    private let lock = NSLock()
    private var shut = false
    /// The reader, parked while the gate is shut.
    private var parked: CheckedContinuation<Void, Never>?

    /// Shuts the gate (false) or opens it and lets a parked reader on (true).
    func set(open: Bool) {
        let reader: CheckedContinuation<Void, Never>? = lock.withLock {
            shut = !open
            guard open else { return nil }
            defer { parked = nil }
            return parked
        }
        reader?.resume()
    }

    /// Returns at once while open; else when it opens or the caller is cancelled.
    func pass() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let go: Bool = lock.withLock {
                    guard shut, !Task.isCancelled else { return true }
                    parked = continuation
                    return false
                }
                if go { continuation.resume() }
            }
        } onCancel: {
            let reader: CheckedContinuation<Void, Never>? = lock.withLock {
                defer { parked = nil }
                return parked
            }
            reader?.resume()
        }
    }
}
