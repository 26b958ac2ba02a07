import Glibc

/// One UDP datagram as received: its bytes (possibly none) and who sent it.
public struct Datagram: Sendable, Equatable {
    public let bytes: [UInt8]
    public let from: SocketAddress

    public init(bytes: [UInt8], from: SocketAddress) {
        self.bytes = bytes
        self.from = from
    }
}

/// A bound IPv4 UDP socket with async receive and send.
///
/// Never SO_REUSEADDR: on UDP it would let two processes share a port and
/// split the Tello's replies between them. A zero-length datagram is a
/// datagram like any other (UDP has no connection to lose).
public final class UDPSocket: Sendable {
    /// The largest IPv4 UDP payload (65,535 - 8 UDP - 20 IP header bytes).
    public static let maxDatagramSize = 65_507

    private let handle: SocketHandle
    /// The bound address, with the actual port when bound to port 0.
    public let localAddress: SocketAddress

    private init(handle: SocketHandle) throws {
        self.handle = handle
        self.localAddress = try handle.localAddress()
    }

    /// Binds a UDP socket to `address` (port 0 = any free port).
    public static func bind(_ address: SocketAddress = .loopback(), reactor: Reactor = .shared) throws -> UDPSocket {
        let handle = try SocketHandle(type: SOCK_DGRAM, reactor: reactor)
        try handle.bind(address)
        return try UDPSocket(handle: handle)
    }

    /// Waits for the next datagram. Longer datagrams than `maxBytes` are truncated (by the kernel).
    public func receive(maxBytes: Int = UDPSocket.maxDatagramSize) async throws -> Datagram {
        var sender = SocketAddress.any()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(maxBytes, 1), alignment: 1)
        defer { buffer.deallocate() }
        let count = try await handle.perform("recvfrom", waitingFor: .read) { fd in
            var length = 0
            let from = SocketAddress.reading { raw, rawLength in
                length = recvfrom(fd, buffer.baseAddress, buffer.count, 0, raw, rawLength)
                return length < 0 ? -1 : 0
            }
            if let from { sender = from }
            return length
        }
        return Datagram(bytes: Array(buffer[..<count]), from: sender)
    }

    /// Sends one datagram to `address`; waits (never blocks a thread) if the send buffer is full.
    public func send(_ bytes: [UInt8], to address: SocketAddress) async throws {
        _ = try await handle.perform("sendto", waitingFor: .write) { fd in
            bytes.withUnsafeBytes { body in
                address.withSockAddr { sendto(fd, body.baseAddress, body.count, Int32(MSG_NOSIGNAL), $0, $1) }
            }
        }
    }

    /// Closes the socket; a pending `receive` throws `SocketError.isClosed`. Idempotent.
    public func close() { handle.close() }
}
