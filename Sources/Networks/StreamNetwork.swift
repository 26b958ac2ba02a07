import Sockets

/// Where byte streams come from: the machine's TCP (`TCPNetwork`) or an
/// in-memory network. Servers take a listener from one, clients connect
/// through one, so the agent, its mocks and the scenario clients run over
/// real sockets or inside the process with the same code.
public protocol StreamNetwork: Sendable {
    /// Listens on `address` (port 0 picks a free port); throws a `SocketError` if it is taken.
    func listen(on address: SocketAddress) throws -> any ByteStreamListener
    /// Opens a stream to whoever listens at `address`; nobody there throws
    /// a `SocketError` whose `isConnectionRefused` is true.
    func connect(to address: SocketAddress) async throws -> any ByteStream
}

/// The machine's TCP on the shared reactor.
public struct TCPNetwork: StreamNetwork {
    public init() {}

    public func listen(on address: SocketAddress) throws -> any ByteStreamListener {
        try TCPListener.bind(address)
    }

    public func connect(to address: SocketAddress) async throws -> any ByteStream {
        try await TCPConnection.connect(to: address)
    }
}
