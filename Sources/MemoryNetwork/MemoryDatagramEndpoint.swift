import Networks
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

/// A datagram endpoint of a `MemoryNetwork`: a bounded mailbox of arrived
/// datagrams and the receivers waiting on it (`WaiterQueue`).
final class MemoryDatagramEndpoint: DatagramEndpoint, Sendable {
    /// Like a socket's receive buffer: arrivals beyond it are dropped, as the kernel drops them.
    static let receiveBufferBytes = 256 * 1024

    private struct Mailbox {
        var datagrams: [Datagram] = []
        var bytes = 0
        var closed = false
    }

    let localAddress: SocketAddress
    /// What the network knows this endpoint by (a wildcard bind is keyed by its port).
    let key: SocketAddress
    private weak let network: MemoryNetwork?
    private let mailbox = WaiterQueue<Datagram, Mailbox>(Mailbox())

    init(localAddress: SocketAddress, key: SocketAddress, network: MemoryNetwork) {
        self.localAddress = localAddress
        self.key = key
        self.network = network
    }

    func receive(maxBytes: Int) async throws -> Datagram {
        let datagram = try await mailbox.next { box in
            if box.closed { return .failure(Self.closedError("recvfrom")) }
            guard !box.datagrams.isEmpty else { return nil }
            let datagram = box.datagrams.removeFirst()
            box.bytes -= datagram.bytes.count
            return .success(datagram)
        }
        return Self.cut(datagram, to: maxBytes)
    }

    func send(_ bytes: [UInt8], to address: SocketAddress) async throws {
        guard let network, !isClosed else { throw Self.closedError("sendto") }
        network.sendDatagram(bytes, from: network.visible(localAddress), to: address)
    }

    func close() {
        let wasOpen = mailbox.close(failing: Self.closedError("recvfrom")) { box in
            defer { box = Mailbox(closed: true) }
            return !box.closed
        }
        if wasOpen { network?.unbind(self) }
    }

    var isClosed: Bool { mailbox.withLock { $0.closed } }

    /// Datagrams arrived and not yet read.
    var queued: Int { mailbox.withLock { $0.datagrams.count } }

    /// Hands an arriving datagram to the first waiting receiver, or queues it;
    /// false if it was dropped (closed, or the buffer is full). A closed
    /// endpoint has no receiver waiting: closing failed them all.
    @discardableResult
    func arrive(_ datagram: Datagram) -> Bool {
        mailbox.handOff(datagram) { box in
            guard !box.closed, box.bytes + datagram.bytes.count <= Self.receiveBufferBytes else { return false }
            box.datagrams.append(datagram)
            box.bytes += datagram.bytes.count
            return true
        }
    }

    private static func cut(_ datagram: Datagram, to maxBytes: Int) -> Datagram {
        datagram.bytes.count <= maxBytes ? datagram : Datagram(bytes: Array(datagram.bytes.prefix(max(maxBytes, 0))), from: datagram.from)
    }

    static func closedError(_ operation: String) -> SocketError {
        SocketError(operation: operation, code: EBADF)
    }
}
