import Sockets

/// The machine's UDP: every endpoint is a real `UDPSocket` on the shared reactor.
public struct UDPNetwork: DatagramNetwork {
    public init() {}

    public func bindDatagram(_ address: SocketAddress) throws -> any DatagramEndpoint {
        try UDPSocket.bind(address)
    }
}

/// A real UDP socket is the reference endpoint: the protocol is its own API.
extension UDPSocket: DatagramEndpoint {}
