import Sockets

/// One bound datagram address: what the drone link, the simulator's UDP
/// front and the video ingress speak to, so the same code runs over a real
/// UDP socket or over an in-memory network whose delivery the test or the
/// scenario runner controls.
///
/// The contract is UDP's: a datagram arrives whole or not at all, in any
/// order, possibly twice; a zero-length datagram is a datagram. Once the
/// endpoint is closed, a pending or later `receive` and any `send` throw a
/// `SocketError` whose `isClosed` is true, as a closed UDP socket does.
public protocol DatagramEndpoint: AnyObject, Sendable {
    /// The bound address, with the actual port when bound to port 0.
    var localAddress: SocketAddress { get }
    /// Waits for the next datagram; longer ones than `maxBytes` are cut to it.
    func receive(maxBytes: Int) async throws -> Datagram
    /// Sends one datagram to `address`.
    func send(_ bytes: [UInt8], to address: SocketAddress) async throws
    /// Closes the endpoint; a pending `receive` throws. Idempotent.
    func close()
}

extension DatagramEndpoint {
    /// Waits for the next datagram of any size UDP allows.
    public func receive() async throws -> Datagram {
        try await receive(maxBytes: UDPSocket.maxDatagramSize)
    }
}

/// Where datagram endpoints come from: the machine's UDP (`UDPNetwork`) or
/// an in-memory network. Whoever binds sockets takes one of these instead
/// of calling `UDPSocket.bind`.
public protocol DatagramNetwork: Sendable {
    /// Binds `address` (port 0 picks a free port); throws a `SocketError` if it is taken.
    func bindDatagram(_ address: SocketAddress) throws -> any DatagramEndpoint
}
