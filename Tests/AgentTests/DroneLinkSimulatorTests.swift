import Agent
import Clocks
import Foundation
import Lifetimes
import Logs
import Sockets
import TelloSDK
import TelloSim
import Testing
import TestSupport

/// DroneLink against the real simulator with its fault plan: every `ok` must
/// be the reply to the move it is taken for (the drone has really finished
/// that move: its position says so), and no move is ever sent twice (the
/// simulator's own log of commands received says so). Each test is a
/// `Simulation`: the datagrams go over its memory network, the flight and
/// the timeouts pass in virtual time.
@Suite struct DroneLinkSimulatorTests {
    struct Rig: Sendable {
        let simulator: SimulatedTello
        let link: DroneLink
        let simLog: MemorySink
        let faults: FaultPlan

        /// Runs `body` in a fresh simulation with the rig `running`.
        static func with<T: Sendable>(faults: FaultPlan, seed: UInt64, _ body: @escaping @Sendable (Rig) async throws -> T) async throws -> T {
            try await Simulation.run(name: "drone-link") { simulation in
                let rig = try await make(faults: faults, seed: seed, in: simulation)
                return try await rig.running { try await body(rig) }
            }
        }

        private static func make(faults: FaultPlan, seed: UInt64, in simulation: Simulation) async throws -> Rig {
            let (time, network) = (simulation.time, simulation.network)
            let states = try network.bindDatagram(.loopback())
            var configuration = SimulatedTello.Configuration.exact()
            configuration.statePort = states.localAddress.port
            configuration.seed = seed
            let simLog = MemorySink()
            let simulator = SimulatedTello(configuration: configuration, time: time,
                                           logger: Logger(component: "sim", sink: simLog))
            let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: network)
            let transport = DatagramDroneTransport(drone: address, commands: try network.bindDatagram(.loopback()), states: states,
                                              logger: Logger(component: "udp", sink: MemorySink()))
            let link = DroneLink(transport: transport, time: time, logger: Logger(component: "link", sink: MemorySink()))
            return Rig(simulator: simulator, link: link, simLog: simLog, faults: faults)
        }

        /// Runs the simulator and the link while `body` runs, the drone in SDK
        /// mode and flying under `faults`; both have stopped when this returns.
        func running<T>(_ body: () async throws -> T) async throws -> T {
            try await withRunning({ [simulator] in await simulator.run() }) {
                try await withRunning({ [link] in await link.run() }) {
                    #expect(await link.send(.sdkMode) == .reply(.ok))
                    #expect(await link.send(.takeoff) == .reply(.ok))
                    try await simulator.setFaults(faults)
                    return try await body()
                }
            }
        }

        /// How often `command` reached the simulator's socket (lost on the way in or not).
        func received(_ command: String) -> Int {
            arrivals(command).count
        }

        /// Whether the simulator acted on `command` (it arrived and was not lost by the fault plan).
        func obeyed(_ command: String) -> Bool {
            arrivals(command).contains { !($0[field: "outcome"] ?? "").hasPrefix("lost") }
        }

        private func arrivals(_ command: String) -> [LogRecord] {
            simLog.records.filter { $0.message == "command received" && $0[field: "command"] == command }
        }
    }

    /// Distinct 1 m moves (1 s of flight each) so an `ok` taken for the wrong move shows in the position.
    static let moves = (0..<8).map { DroneCommand(.move(.forward, centimeters: 100 + $0)) }

    @Test(arguments: [UInt64(1), 2, 3])
    func lossAndDuplicatesNeverMisattributeOrRepeat(seed: UInt64) async throws {
        var faults = FaultPlan()
        faults.duplicateReplies = 0.4
        faults.replyLoss = 0.15
        faults.commandLoss = 0.1
        try await Rig.with(faults: faults, seed: seed) { rig in
            var flown = 0.0
            var answered = 0
            for move in Self.moves {
                let outcome = await rig.link.send(move)
                let distance = Double(move.text.split(separator: " ")[1])!
                if rig.obeyed(move.text) { flown += distance }
                if outcome == .reply(.ok) {
                    answered += 1
                    let truth = await rig.simulator.groundTruth
                    #expect(rig.obeyed(move.text), "\(move) answered but never flown")
                    #expect(abs(truth.x - flown) < 1, "\(move) answered ok while the drone is at x=\(truth.x), not \(flown)")
                }
                #expect(rig.received(move.text) <= 1, "\(move) sent more than once")
            }
            #expect(answered > 0, "some moves got through")
        }
    }

    @Test func lateRepliesAreNeverTakenForTheNextCommand() async throws {
        var faults = FaultPlan()
        faults.lateReplies = true
        try await Rig.with(faults: faults, seed: 7) { rig in
            for move in Self.moves.prefix(2) {
                let outcome = await rig.link.send(move)
                #expect(outcome != .reply(.ok), "with every reply one behind, no ok can belong to \(move)")
                #expect(rig.received(move.text) <= 1)
            }
        }
    }

    /// scenarios/drone-packet-loss.json with the link's own rig: every reply is lost
    /// for a while (the move's `ok` and several probes' answers); once replies
    /// flow again the link resyncs and lands the drone, and the move was flown once.
    @Test func theLinkResyncsOnceRepliesFlowAgainAfterAnOutage() async throws {
        var outage = FaultPlan()
        outage.replyLoss = 1
        try await Rig.with(faults: outage, seed: 5) { rig in
            #expect(await rig.link.send(DroneCommand(.move(.forward, centimeters: 20))) == .timedOut)
            // Meanwhile a read waits for the resync and fails unsent after three unanswered probes.
            #expect(await rig.link.send(.battery) == .notSent)
            try await rig.simulator.setFaults(FaultPlan())
            // Each unanswered probe counts toward link loss, which the next state
            // line ends: a command submitted in between is refused unsent, so
            // retry it after a state line, a bounded number of times.
            var states = rig.link.events.makeAsyncIterator()
            var landed = await rig.link.send(.land)
            for _ in 0..<100 where landed == .notSent {
                _ = await states.next()
                landed = await rig.link.send(.land)
            }
            #expect(landed == .reply(.ok), "the link resyncs once the drone answers again")
            #expect(rig.received("forward 20") == 1, "the move whose ok was lost is not sent again")
            #expect(abs(await rig.simulator.groundTruth.x - 20) < 1)
        }
    }
}
