import Clocks
import Networks
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

extension MemoryNetwork {
    /// Binds a datagram endpoint; the address rules are Linux's without
    /// SO_REUSEADDR: one endpoint per port and host, and a wildcard bind
    /// excludes every other bind on its port (and the other way round).
    public func bindDatagram(_ address: SocketAddress) throws -> any DatagramEndpoint {
        try lock.withLock {
            var address = address
            if address.port == 0 {
                guard let port = takeEphemeralPort(inUse: { datagramPortInUse($0) }) else {
                    throw Self.error("bind", EADDRINUSE)
                }
                address = address.with(port: port)
            } else if datagramEndpoints[address] != nil || datagramEndpoints[.any(port: address.port)] != nil
                        || (address.ipv4 == 0 && datagramPortInUse(address.port)) {
                throw Self.error("bind", EADDRINUSE)
            }
            let endpoint = MemoryDatagramEndpoint(localAddress: address, key: address, network: self)
            datagramEndpoints[address] = endpoint
            return endpoint
        }
    }

    /// Under `lock`.
    private func datagramPortInUse(_ port: UInt16) -> Bool {
        datagramEndpoints.keys.contains { $0.port == port }
    }

    func unbind(_ endpoint: MemoryDatagramEndpoint) {
        lock.withLock {
            if datagramEndpoints[endpoint.key] === endpoint { datagramEndpoints[endpoint.key] = nil }
        }
    }

    /// One datagram from `from` to `to`: rolled against the link's faults,
    /// then delivered now or scheduled on the clock.
    func sendDatagram(_ bytes: [UInt8], from: SocketAddress, to: SocketAddress) {
        let destination = visible(to)
        let delays: [Duration] = lock.withLock {
            let link = Link(from, destination)
            if partitions.contains(link) || isolated.contains(visible(from)) || isolated.contains(destination) {
                tally.partitioned += 1
                return []
            }
            let faults = faults(on: link)
            if random.chance(faults.loss) {
                tally.lost += 1
                return []
            }
            var delays = [drawDelay(faults)]
            if random.chance(faults.duplication) {
                tally.duplicated += 1
                delays.append(drawDelay(faults))
            }
            tally.inFlight += delays.filter { $0 > .zero }.count
            return delays
        }
        let datagram = Datagram(bytes: bytes, from: from)
        for delay in delays {
            if delay == .zero {
                deliver(datagram, to: destination, wasInFlight: false)
            } else {
                time.schedule(at: time.now + delay) { [weak self] in
                    self?.deliver(datagram, to: destination, wasInFlight: true)
                }
            }
        }
    }

    /// Hands `datagram` to whoever is bound at `destination` now (an exact
    /// bind first, then a wildcard on its port); nobody there drops it, as UDP does.
    private func deliver(_ datagram: Datagram, to destination: SocketAddress, wasInFlight: Bool) {
        let endpoint: MemoryDatagramEndpoint? = lock.withLock {
            datagramEndpoints[destination] ?? datagramEndpoints[.any(port: destination.port)]
        }
        let accepted = endpoint?.arrive(datagram) ?? false
        lock.withLock {
            if wasInFlight { tally.inFlight -= 1 }
            if accepted { tally.delivered += 1 } else { tally.undeliverable += 1 }
        }
    }
}
