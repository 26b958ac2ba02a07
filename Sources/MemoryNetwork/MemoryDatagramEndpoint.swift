import Networks
import Foundation
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram endpoint of a `MemoryNetwork`: a bounded mailbox of arrived
/// datagrams and the receivers waiting on it.
///
/// `@unchecked Sendable`: the mailbox, the waiters and `closed` are only
/// touched under `lock`; continuations are resumed outside it.
final class MemoryDatagramEndpoint: DatagramEndpoint, @unchecked Sendable {
    /// Like a socket's receive buffer: arrivals beyond it are dropped, as the kernel drops them.
    static let receiveBufferBytes = 256 * 1024

    private struct Waiter {
        let id: UInt64
        let maxBytes: Int
        let continuation: CheckedContinuation<Datagram, any Error>
    }

    let localAddress: SocketAddress
    /// What the network knows this endpoint by (a wildcard bind is keyed by its port).
    let key: SocketAddress
    private weak var network: MemoryNetwork?
    private let lock = NSLock()
    private var mailbox: [Datagram] = []
    private var queuedBytes = 0
    private var waiters: [Waiter] = []
    private var nextWaiter: UInt64 = 0
    private var closed = false

    init(localAddress: SocketAddress, key: SocketAddress, network: MemoryNetwork) {
        self.localAddress = localAddress
        self.key = key
        self.network = network
    }

    func receive(maxBytes: Int) async throws -> Datagram {
        try Task.checkCancellation()
        let id: UInt64 = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Datagram, any Error>) in
                let ready: Result<Datagram, any Error>? = lock.withLock {
                    // Cancelled between the check and here: `onCancel` found no waiter to wake.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if closed { return .failure(Self.closedError("recvfrom")) }
                    if !mailbox.isEmpty {
                        let datagram = mailbox.removeFirst()
                        queuedBytes -= datagram.bytes.count
                        return .success(Self.cut(datagram, to: maxBytes))
                    }
                    waiters.append(Waiter(id: id, maxBytes: maxBytes, continuation: continuation))
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

    func send(_ bytes: [UInt8], to address: SocketAddress) async throws {
        guard let network, !isClosed else { throw Self.closedError("sendto") }
        network.sendDatagram(bytes, from: network.visible(localAddress), to: address)
    }

    func close() {
        let waiting: [Waiter] = lock.withLock {
            guard !closed else { return [] }
            closed = true
            mailbox.removeAll()
            queuedBytes = 0
            defer { waiters.removeAll() }
            return waiters
        }
        network?.unbind(self)
        for waiter in waiting { waiter.continuation.resume(throwing: Self.closedError("recvfrom")) }
    }

    var isClosed: Bool { lock.withLock { closed } }

    /// Datagrams arrived and not yet read.
    var queued: Int { lock.withLock { mailbox.count } }

    /// Hands an arriving datagram to the first waiting receiver, or queues it;
    /// false if it was dropped (closed, or the buffer is full).
    @discardableResult
    func arrive(_ datagram: Datagram) -> Bool {
        let (waiter, accepted): (Waiter?, Bool) = lock.withLock {
            if closed { return (nil, false) }
            if !waiters.isEmpty { return (waiters.removeFirst(), true) }
            guard queuedBytes + datagram.bytes.count <= Self.receiveBufferBytes else { return (nil, false) }
            mailbox.append(datagram)
            queuedBytes += datagram.bytes.count
            return (nil, true)
        }
        waiter.map { $0.continuation.resume(returning: Self.cut(datagram, to: $0.maxBytes)) }
        return accepted
    }

    private static func cut(_ datagram: Datagram, to maxBytes: Int) -> Datagram {
        datagram.bytes.count <= maxBytes ? datagram : Datagram(bytes: Array(datagram.bytes.prefix(max(maxBytes, 0))), from: datagram.from)
    }

    static func closedError(_ operation: String) -> SocketError {
        SocketError(operation: operation, code: EBADF)
    }
}
