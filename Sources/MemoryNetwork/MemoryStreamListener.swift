import Foundation
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

/// A listening address of a `MemoryNetwork`: the server ends of connections
/// not yet accepted, and the acceptors waiting for one.
///
/// `@unchecked Sendable`: the backlog, the waiters and `closed` are only
/// touched under `lock`; continuations are resumed outside it.
final class MemoryStreamListener: ByteStreamListener, @unchecked Sendable {
    /// Like a listen backlog: connections beyond it are refused.
    static let backlog = 1024

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<MemoryByteStream, any Error>
    }

    let localAddress: SocketAddress
    private weak var network: MemoryNetwork?
    private let lock = NSLock()
    private var pending: [MemoryByteStream] = []
    private var waiters: [Waiter] = []
    private var nextWaiter: UInt64 = 0
    private var closed = false
    /// Paused: still holds its address, but refuses every newcomer.
    private var paused = false

    init(localAddress: SocketAddress, network: MemoryNetwork) {
        self.localAddress = localAddress
        self.network = network
    }

    func accept() async throws -> MemoryByteStream {
        try Task.checkCancellation()
        let id: UInt64 = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<MemoryByteStream, any Error>) in
                let ready: Result<MemoryByteStream, any Error>? = lock.withLock {
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if closed { return .failure(SocketError(operation: "accept", code: EBADF)) }
                    if paused { return .failure(SocketError.notListening("accept")) }
                    if !pending.isEmpty { return .success(pending.removeFirst()) }
                    waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter: Waiter? = lock.withLock {
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    func close() {
        let (waiting, unaccepted): ([Waiter], [MemoryByteStream]) = lock.withLock {
            guard !closed else { return ([], []) }
            closed = true
            defer { waiters.removeAll(); pending.removeAll() }
            return (waiters, pending)
        }
        network?.unlisten(self)
        for waiter in waiting { waiter.continuation.resume(throwing: SocketError(operation: "accept", code: EBADF)) }
        // A connection nobody accepted is reset, as the kernel does when a listener closes.
        for stream in unaccepted { stream.reset() }
    }

    /// Refuses newcomers until `resume()`, keeping the address; a pending
    /// `accept` throws `isNotListening`, and connections not yet accepted are
    /// reset, as the kernel does when a listener stops listening.
    func pause() throws {
        let (waiting, unaccepted): ([Waiter], [MemoryByteStream]) = try lock.withLock {
            if closed { throw SocketError(operation: "pause", code: EBADF) }
            guard !paused else { return ([], []) }
            paused = true
            defer { waiters.removeAll(); pending.removeAll() }
            return (waiters, pending)
        }
        for waiter in waiting { waiter.continuation.resume(throwing: SocketError.notListening("accept")) }
        for stream in unaccepted { stream.reset() }
    }

    func resume() throws {
        try lock.withLock {
            if closed { throw SocketError(operation: "resume", code: EBADF) }
            paused = false
        }
    }

    /// Queues a new connection's server end, or hands it to a waiting
    /// acceptor; false if the listener is closed or paused, or its backlog full.
    func arrive(_ stream: MemoryByteStream) -> Bool {
        let (waiter, accepted): (Waiter?, Bool) = lock.withLock {
            if closed || paused { return (nil, false) }
            if !waiters.isEmpty { return (waiters.removeFirst(), true) }
            guard pending.count < Self.backlog else { return (nil, false) }
            pending.append(stream)
            return (nil, true)
        }
        waiter?.continuation.resume(returning: stream)
        return accepted
    }
}
