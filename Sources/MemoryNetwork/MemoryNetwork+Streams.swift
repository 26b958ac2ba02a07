import Networks
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

extension MemoryNetwork: StreamNetwork {
    /// Listens on `address`, with the same port rules as datagrams (TCP's
    /// ports are a space of their own, as on a real host).
    public func listen(on address: SocketAddress) throws -> any ByteStreamListener {
        try lock.withLock {
            var address = address
            if address.port == 0 {
                guard let port = takeEphemeralPort(inUse: { streamPortInUse($0) }) else { throw Self.error("bind", EADDRINUSE) }
                address = address.with(port: port)
            } else if listeners[address] != nil || listeners[.any(port: address.port)] != nil
                        || (address.ipv4 == 0 && streamPortInUse(address.port)) {
                throw Self.error("bind", EADDRINUSE)
            }
            let listener = MemoryStreamListener(localAddress: address, network: self)
            listeners[address] = listener
            return listener
        }
    }

    /// Connects to whoever listens at `address` (an exact listener first, then
    /// a wildcard on its port); nobody there, or a full backlog, is refused.
    /// The stream is ordered and lossless with no delay: bytes written are
    /// readable at once, up to `streamCapacity` unread bytes each way. `reset` and `halfClose` break it on purpose.
    public func connect(to address: SocketAddress) async throws -> any ByteStream {
        let destination = visible(address)
        let (listener, client): (MemoryStreamListener?, SocketAddress?) = lock.withLock {
            guard let listener = listeners[destination] ?? listeners[.any(port: destination.port)],
                  let port = takeEphemeralPort(inUse: { streamPortInUse($0) }) else { return (nil, nil) }
            return (listener, .loopback(port: port))
        }
        guard let listener, let client else { throw Self.error("connect", ECONNREFUSED) }
        let (clientEnd, serverEnd) = MemoryByteStream.pair(client: client, server: visible(listener.localAddress), capacity: streamCapacity)
        guard listener.arrive(serverEnd) else { throw Self.error("connect", ECONNREFUSED) }
        lock.withLock {
            streams.append(WeakStream(clientEnd))
            streams.append(WeakStream(serverEnd))
            streams.removeAll { $0.stream == nil }
            tally.connections += 1
        }
        return clientEnd
    }

    /// Resets every open stream end at `address` (an RST from there): its
    /// peer's calls throw `isConnectionReset`. Returns how many ends were reset.
    @discardableResult
    public func reset(_ address: SocketAddress) -> Int {
        let ends = openEnds(at: address)
        for end in ends { end.reset() }
        return ends.count
    }

    /// Half-closes every open stream end at `address` (a FIN from there): its
    /// peer reads the end of the stream while it can still write back.
    @discardableResult
    public func halfClose(_ address: SocketAddress) -> Int {
        let ends = openEnds(at: address)
        for end in ends { try? end.shutdownWrite() }
        return ends.count
    }

    private func openEnds(at address: SocketAddress) -> [MemoryByteStream] {
        let address = visible(address)
        return lock.withLock { streams.compactMap(\.stream).filter { $0.localAddress == address } }
    }

    func unlisten(_ listener: MemoryStreamListener) {
        lock.withLock {
            if listeners[listener.localAddress] === listener { listeners[listener.localAddress] = nil }
        }
    }

    /// Under `lock`: a listener or a connection's end holds the port.
    private func streamPortInUse(_ port: UInt16) -> Bool {
        listeners.keys.contains { $0.port == port } || streams.contains { $0.stream?.localAddress.port == port }
    }
}

/// A stream end the network can still reach, without keeping it alive.
struct WeakStream {
    weak var stream: MemoryByteStream?
    init(_ stream: MemoryByteStream) { self.stream = stream }
}
