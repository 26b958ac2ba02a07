import Synchronization

/// A viewer that takes bare Annex B (no header): an HTTP client of
/// `/video.h264` or the recording file. Pictures wait in a queue bounded
/// by the relay's budget; `run` writes them out until the writer fails
/// (the client left) or `finish` is called.
package final class ByteStreamViewer: VideoViewer {
    private struct State {
        var queue: [[UInt8]] = []
        var queuedBytes = 0
        var waiting: CheckedContinuation<[UInt8]?, Never>?
        var finished = false
    }

    package let holdsStream: Bool
    private let state = Mutex(State())

    package init(holdsStream: Bool) {
        self.holdsStream = holdsStream
    }

    package func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer {
        let bytes = frame.unit.bytes
        let (offer, wake) = state.withLock { state -> (VideoOffer, CheckedContinuation<[UInt8]?, Never>?) in
            if state.finished { return (.gone, nil) }
            if let waiting = state.waiting {
                state.waiting = nil
                return (.taken, waiting)
            }
            guard state.queuedBytes + bytes.count <= budget else { return (.skipped, nil) }
            state.queue.append(bytes)
            state.queuedBytes += bytes.count
            return (.taken, nil)
        }
        wake?.resume(returning: bytes)
        return offer
    }

    /// No more pictures; `run` returns once what is queued is written.
    package func finish() {
        let waiting = state.withLock { state -> CheckedContinuation<[UInt8]?, Never>? in
            state.finished = true
            defer { state.waiting = nil }
            return state.waiting
        }
        waiting?.resume(returning: nil)
    }

    /// Writes pictures as they come until `write` throws or `finish`; then the viewer is gone.
    /// Cancelling the calling task ends it too (the HTTP server cancels its connections on shutdown).
    package func run(_ write: (_ bytes: [UInt8]) async throws -> Void) async {
        await withTaskCancellationHandler {
            defer { finish() }
            while let next = await next() {
                do { try await write(next) } catch { return }
            }
        } onCancel: {
            finish()
        }
    }

    private func next() async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [UInt8]?? in
                if !state.queue.isEmpty {
                    let joined = state.queue.flatMap { $0 }
                    state.queue.removeAll(keepingCapacity: true)
                    state.queuedBytes = 0
                    return .some(joined)
                }
                if state.finished { return .some(nil) }
                state.waiting = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
