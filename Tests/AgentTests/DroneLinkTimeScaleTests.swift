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

    @Test func aFasterFlightClockDoesNotShortenTheSilenceLimit() async throws {
        let tello = FakeTello()
        let flight = VirtualTime()
        let network = VirtualTime()
        let link = DroneLink(transport: tello, time: flight, networkTime: network,
                             logger: Logger(component: "link", sink: MemorySink()))
        try await withRunning({ await link.run() }) {
            #expect(await link.send(.sdkMode) == .reply(.ok))
            tello.pushState(TelloState(tof: 10, h: 0).line)
            let heard = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    var events = link.events.makeAsyncIterator()
                    return await events.next() != nil
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(5))
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(heard, "the state line reached the link")
            // Ten seconds of flight time (one real second at --time-scale 10) pass without a datagram.
            for _ in 0..<100 {
                flight.advance(by: .milliseconds(100))
                network.advance(by: .milliseconds(10))
                await Task.yield()
            }
            #expect(await link.linkUp, "one real second of silence is not a lost link")
            network.advance(by: .seconds(3))
            try await eventually("link loss after 3 real seconds", within: 5) { await !link.linkUp }
        }
    }
}
