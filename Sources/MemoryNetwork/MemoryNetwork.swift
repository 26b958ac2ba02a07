import Clocks
import Networks
import Foundation
import Sockets

#if canImport(Glibc)
    import Glibc
#endif

/// A network inside the process: datagram endpoints (and stream pairs)
/// keyed by address, with delivery scheduled on a virtual clock and every
/// fault (loss, delay, duplication, reorder, partition, reset, half-close)
/// drawn from one seed. Nothing touches the kernel, so a run over it is
/// decided by the seed and the order in which its parts act, and whoever
/// drives the clock knows when nothing is in flight: a delayed delivery is a
/// timer on the clock (`VirtualTime.schedule`), an undelayed one happens
/// inside the send.
///
/// Addresses are IPv4 like the machine's: binding port 0 picks the next free
/// port from 32768 upward (the same port for the same sequence of binds,
/// every run); a wildcard bind (0.0.0.0) receives what is sent to any host on
/// its port, and its traffic leaves from 127.0.0.1.
///
/// `@unchecked Sendable`: every table and the random generator are only
/// touched under `lock`; endpoints are called outside it.
public final class MemoryNetwork: DatagramNetwork, @unchecked Sendable {
    public let time: VirtualTime
    /// Unread bytes each direction of a stream holds, like a socket's buffers;
    /// a writer past it waits (a peer that stops reading fills it).
    public let streamCapacity: Int
    let lock = NSLock()
    var random: SeededRandom
    var datagramEndpoints: [SocketAddress: MemoryDatagramEndpoint] = [:]
    var listeners: [SocketAddress: MemoryStreamListener] = [:]
    /// Stream ends opened so far (the dead ones are swept on each connect), for resets and half-closes.
    var streams: [WeakStream] = []
    var nextEphemeralPort: UInt16 = 32768
    /// Faults on every link without its own.
    var defaultFaults = LinkFaults.none
    /// Faults of one link, both directions, keyed by its two ends in order.
    var linkFaults: [Link: LinkFaults] = [:]
    var partitions: Set<Link> = []
    /// Addresses cut off from everyone: every datagram to or from them is dropped.
    var isolated: Set<SocketAddress> = []
    var tally = Counters()

    /// Two addresses, in a fixed order, so a link has one key whichever end sends.
    struct Link: Hashable {
        let low: SocketAddress
        let high: SocketAddress

        init(_ a: SocketAddress, _ b: SocketAddress) {
            (low, high) = (a.ipv4, a.port) <= (b.ipv4, b.port) ? (a, b) : (b, a)
        }
    }

    /// What the network did so far: for tests, reports and the quiescence check.
    public struct Counters: Sendable, Equatable {
        /// Datagrams handed to a receiver's mailbox (each copy of a duplicate counts).
        public var delivered = 0
        /// Datagrams lost to a `loss` roll.
        public var lost = 0
        /// Extra copies made by a `duplication` roll.
        public var duplicated = 0
        /// Datagrams dropped at a partition.
        public var partitioned = 0
        /// Datagrams that found nobody bound at their address, or a full mailbox.
        public var undeliverable = 0
        /// Datagrams scheduled for later and not yet delivered.
        public var inFlight = 0
        /// Streams connected so far.
        public var connections = 0
    }

    public init(time: VirtualTime, seed: UInt64, streamCapacity: Int = 256 * 1024) {
        self.time = time
        self.streamCapacity = streamCapacity
        random = SeededRandom(seed: seed ^ 0x4E45_5457_4F52_4B00)
    }

    public var counters: Counters { lock.withLock { tally } }

    /// Nothing scheduled for later: every byte and datagram sent so far has arrived (or been dropped).
    public var isQuiet: Bool { lock.withLock { tally.inFlight == 0 } }

    // MARK: Faults

    /// Faults for every link that has none of its own.
    public func setFaults(_ faults: LinkFaults) {
        lock.withLock { defaultFaults = faults }
    }

    /// Faults for the link between `a` and `b`, both directions.
    public func setFaults(_ faults: LinkFaults, between a: SocketAddress, and b: SocketAddress) {
        lock.withLock { linkFaults[Link(visible(a), visible(b))] = faults }
    }

    /// Nothing passes between `a` and `b` until `heal`: datagrams are dropped.
    public func partition(_ a: SocketAddress, _ b: SocketAddress) {
        lock.withLock { _ = partitions.insert(Link(visible(a), visible(b))) }
    }

    /// Ends the partition between `a` and `b`.
    public func heal(_ a: SocketAddress, _ b: SocketAddress) {
        let link = Link(visible(a), visible(b))
        lock.withLock { _ = partitions.remove(link) }
    }

    /// Nothing passes to or from `address`, whoever the other end is, until
    /// `rejoin`: datagrams are dropped (counted as partitioned). For a host
    /// that talks to ports the caller does not know, as a drone does.
    public func isolate(_ address: SocketAddress) {
        lock.withLock { _ = isolated.insert(visible(address)) }
    }

    /// Ends the isolation of `address`.
    public func rejoin(_ address: SocketAddress) {
        let address = visible(address)
        lock.withLock { _ = isolated.remove(address) }
    }

    func faults(on link: Link) -> LinkFaults {
        linkFaults[link] ?? defaultFaults
    }

    /// A delay drawn for one datagram or write: `delay` plus a uniform share of `jitter`. Under `lock`.
    func drawDelay(_ faults: LinkFaults) -> Duration {
        guard faults.jitter > .zero else { return faults.delay }
        let fraction = Double(random.next() >> 11) * 0x1p-53
        return faults.delay + faults.jitter * fraction
    }

    /// The address traffic from `address` carries: a wildcard bind sends from 127.0.0.1.
    func visible(_ address: SocketAddress) -> SocketAddress {
        address.ipv4 == 0 ? SocketAddress.loopback(port: address.port) : address
    }

    /// The next free port on any host, or nil when all are taken. Under `lock`.
    func takeEphemeralPort(inUse: (UInt16) -> Bool) -> UInt16? {
        for _ in 0..<(65536 - 32768) {
            let port = nextEphemeralPort
            nextEphemeralPort = port == 65535 ? 32768 : port + 1
            if !inUse(port) { return port }
        }
        return nil
    }

    static func error(_ operation: String, _ code: Int32) -> SocketError {
        SocketError(operation: operation, code: code)
    }
}
