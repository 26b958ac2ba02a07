import Sockets

#if canImport(Glibc)
    import Glibc
#endif

/// A listening address of a `MemoryNetwork`: the server ends of connections
/// not yet accepted, and the acceptors waiting for one (`WaiterQueue`).
final class MemoryStreamListener: ByteStreamListener, Sendable {
    /// Like a listen backlog: connections beyond it are refused.
    static let backlog = 1024

    private struct Backlog {
        var pending: [MemoryByteStream] = []
        var closed = false
        /// Paused: still holds its address, but refuses every newcomer.
        var paused = false
    }

    let localAddress: SocketAddress
    private weak let network: MemoryNetwork?
    private let connections = WaiterQueue<MemoryByteStream, Backlog>(Backlog())

    init(localAddress: SocketAddress, network: MemoryNetwork) {
        self.localAddress = localAddress
        self.network = network
    }

    func accept() async throws -> MemoryByteStream {
        try await connections.next { backlog in
            if backlog.closed { return .failure(SocketError(operation: "accept", code: EBADF)) }
            if backlog.paused { return .failure(SocketError.notListening("accept")) }
            return backlog.pending.isEmpty ? nil : .success(backlog.pending.removeFirst())
        }
    }

    func close() {
        let unaccepted: [MemoryByteStream]? = connections.close(failing: SocketError(operation: "accept", code: EBADF)) { backlog in
            guard !backlog.closed else { return nil }
            defer { backlog = Backlog(closed: true) }
            return backlog.pending
        }
        guard let unaccepted else { return }
        network?.unlisten(self)
        // A connection nobody accepted is reset, as the kernel does when a listener closes.
        for stream in unaccepted { stream.reset() }
    }

    /// Refuses newcomers until `resume()`, keeping the address; a pending
    /// `accept` throws `isNotListening`, and connections not yet accepted are
    /// reset, as the kernel does when a listener stops listening.
    func pause() throws {
        var wasClosed = false
        let unaccepted: [MemoryByteStream] = connections.close(failing: SocketError.notListening("accept")) { backlog in
            if backlog.closed { wasClosed = true }
            guard !backlog.closed, !backlog.paused else { return [] }
            backlog.paused = true
            defer { backlog.pending.removeAll() }
            return backlog.pending
        }
        if wasClosed { throw SocketError(operation: "pause", code: EBADF) }
        for stream in unaccepted { stream.reset() }
    }

    func resume() throws {
        try connections.withLock { backlog in
            if backlog.closed { throw SocketError(operation: "resume", code: EBADF) }
            backlog.paused = false
        }
    }

    /// Queues a new connection's server end, or hands it to a waiting
    /// acceptor; false if the listener is closed or paused, or its backlog
    /// full. A closed or paused listener has no acceptor waiting: closing
    /// and pausing failed them all.
    func arrive(_ stream: MemoryByteStream) -> Bool {
        connections.handOff(stream) { backlog in
            guard !backlog.closed, !backlog.paused, backlog.pending.count < Self.backlog else { return false }
            backlog.pending.append(stream)
            return true
        }
    }
}
