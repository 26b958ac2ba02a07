import Agent
import Clocks
import Lifetimes
import Logs
import TelloSDK
import TestSupport
import Testing

/// The silence limit is about the network: with the flight on a faster
/// clock (`--time-scale`) it stays in real seconds.
@Suite struct DroneLinkTimeScaleTests {
    @Test func theSilenceLimitIsCountedOnTheNetworkTimeline() {
        var m = DroneLinkMachine()
        _ = m.heardState(now: .zero, network: .zero)
        let lost: (DroneLinkMachine.Action) -> Bool = { if case .linkLost = $0 { true } else { false } }
        #expect(!m.tick(now: .seconds(10), network: .seconds(1)).contains(where: lost),
                "10 s of flight at --time-scale 10 is 1 real second")
        #expect(m.tick(now: .seconds(30), network: .seconds(3)).contains(where: lost))
    }

    /// In a `Simulation` whose clock is the network's; the flight's clock is
    /// moved by hand, ten times as far.
    @Test func aFasterFlightClockDoesNotShortenTheSilenceLimit() async throws {
        try await Simulation.run(name: "time-scale") { simulation in
            let tello = FakeTello()
            let flight = VirtualTime()
            let network = simulation.time
            let link = DroneLink(transport: tello, time: flight, networkTime: network,
                                 logger: Logger(component: "link", sink: MemorySink()))
            try await withRunning({ await link.run() }) {
                #expect(await link.send(.sdkMode) == .reply(.ok))
                tello.pushState(TelloState(tof: 10, h: 0).line)
                let heard = try await within(5, "the state line to reach the link") {
                    var events = link.events.makeAsyncIterator()
                    return await events.next() != nil
                }
                #expect(heard, "the state line reached the link")
                let silentFrom = network.now
                // Ten seconds of flight time (one real second at --time-scale 10) pass without a datagram.
                flight.advance(by: .seconds(10))
                try await network.sleep(for: .seconds(1))
                #expect(await link.linkUp, "one real second of silence is not a lost link")
                try await eventually("link loss after 3 real seconds") { await !link.linkUp }
                #expect(network.now - silentFrom >= .seconds(3), "lost after \(network.now - silentFrom) of network time")
            }
        }
    }
}
