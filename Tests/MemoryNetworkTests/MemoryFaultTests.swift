import Clocks
import Networks
import MemoryNetwork
import Sockets
import Testing

/// Faults are drawn from the seed: the same seed and the same sends give the
/// same losses, copies and order, every run.
@Suite("MemoryNetwork faults")
struct MemoryFaultTests {
    /// Sends 0..<count from one endpoint to another under `faults`, lets the
    /// clock run out, and returns what arrived, in order, with the counters.
    static func deliveries(seed: UInt64, faults: LinkFaults, count: Int = 200) async throws -> ([UInt8], MemoryNetwork.Counters) {
        let time = VirtualTime()
        let network = MemoryNetwork(time: time, seed: seed)
        network.setFaults(faults)
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        for value in 0..<count { try await a.send([UInt8(value & 0xFF)], to: b.localAddress) }
        while time.advanceToNextDeadline() != nil {}
        var arrived: [UInt8] = []
        for _ in 0..<network.counters.delivered { arrived.append(try await b.receive().bytes[0]) }
        return (arrived, network.counters)
    }

    @Test func lossDropsAboutItsShareAndTheSameSeedDropsTheSameDatagrams() async throws {
        let (first, counters) = try await Self.deliveries(seed: 7, faults: LinkFaults(loss: 0.25))
        #expect((30...70).contains(counters.lost), "\(counters.lost) of 200 lost at 25%")
        #expect(first.count == 200 - counters.lost)
        #expect(first == first.sorted(), "loss alone keeps the order")
        let (again, _) = try await Self.deliveries(seed: 7, faults: LinkFaults(loss: 0.25))
        #expect(again == first)
        let (other, _) = try await Self.deliveries(seed: 8, faults: LinkFaults(loss: 0.25))
        #expect(other != first, "another seed, other losses")
    }

    @Test func duplicationDeliversSomeDatagramsTwice() async throws {
        let (arrived, counters) = try await Self.deliveries(seed: 3, faults: LinkFaults(duplication: 0.1))
        #expect(counters.duplicated > 0)
        #expect(arrived.count == 200 + counters.duplicated)
        #expect(Set(arrived).count == 200, "every datagram arrived at least once")
    }

    @Test func jitterReordersTheSameWayForTheSameSeed() async throws {
        let faults = LinkFaults(delay: .milliseconds(5), jitter: .milliseconds(20))
        let (arrived, counters) = try await Self.deliveries(seed: 11, faults: faults)
        #expect(counters.inFlight == 0)
        #expect(arrived.count == 200)
        #expect(arrived != arrived.sorted(), "jitter lets datagrams overtake each other")
        let (again, _) = try await Self.deliveries(seed: 11, faults: faults)
        #expect(again == arrived)
    }

    @Test func aPartitionDropsBothWaysUntilHealedAndSparesOtherLinks() async throws {
        let network = MemoryNetwork(time: VirtualTime(), seed: 1)
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        let c = try network.bindDatagram(.loopback())
        network.partition(a.localAddress, b.localAddress)
        try await a.send([1], to: b.localAddress)
        try await b.send([2], to: a.localAddress)
        try await a.send([3], to: c.localAddress)
        #expect(network.counters.partitioned == 2)
        #expect(try await c.receive().bytes == [3])
        network.heal(a.localAddress, b.localAddress)
        try await a.send([4], to: b.localAddress)
        #expect(try await b.receive().bytes == [4], "nothing from before the heal is waiting")
    }

    @Test func anIsolatedAddressNeitherSendsNorReceivesUntilItRejoins() async throws {
        let network = MemoryNetwork(time: VirtualTime(), seed: 1)
        let drone = try network.bindDatagram(.loopback())
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        network.isolate(drone.localAddress)
        try await a.send([1], to: drone.localAddress)
        try await drone.send([2], to: b.localAddress)
        try await a.send([3], to: b.localAddress)
        #expect(network.counters.partitioned == 2)
        #expect(try await b.receive().bytes == [3], "links without the isolated address pass")
        network.rejoin(drone.localAddress)
        try await a.send([4], to: drone.localAddress)
        #expect(try await drone.receive().bytes == [4], "nothing from before the rejoin is waiting")
    }

    @Test func aLinksOwnFaultsOverrideTheDefault() async throws {
        let network = MemoryNetwork(time: VirtualTime(), seed: 1)
        let a = try network.bindDatagram(.loopback())
        let b = try network.bindDatagram(.loopback())
        let c = try network.bindDatagram(.loopback())
        network.setFaults(LinkFaults(loss: 1))
        network.setFaults(.none, between: a.localAddress, and: c.localAddress)
        try await a.send([1], to: b.localAddress)
        try await a.send([2], to: c.localAddress)
        #expect(network.counters.lost == 1)
        #expect(try await c.receive().bytes == [2])
    }
}
