import Foundation
import TelloSim
import TestSupport
import Testing

/// The tap a trace is drawn from: it sees each command with what became of
/// it, each reply and each state tick, and watching changes nothing the drone
/// does (the same seed loses the same datagrams with or without it).
@Suite("Simulator tap")
struct SimulatorTapTests {
    /// What one harness saw: the outcome of each command as the drone logged it.
    static func outcomes(_ harness: UDPHarness) -> [String] {
        harness.logs.records.filter { $0.message == "command received" }.compactMap { $0[field: "outcome"] }
    }

    /// Enters SDK mode on a clean link, then sends `count` commands through `faults`,
    /// each once the previous one has reached the drone, with no time passing: the
    /// only dice rolled are the commands' and replies' own.
    static func exercise(_ harness: UDPHarness, faults: FaultPlan, count: Int) async throws {
        #expect(try await harness.ask("command") == "ok")
        try await harness.drone.setFaults(faults)
        for index in 1...count {
            try await harness.send("battery?")
            try await eventually("command \(index) to arrive", within: 5) { outcomes(harness).count == index + 1 }
        }
    }

    @Test func theTapSeesEverythingAndChangesNothing() async throws {
        var faults = FaultPlan()
        faults.commandLoss = 0.4
        faults.replyLoss = 0.3
        let seen = TapRecord()
        let watched = try await UDPHarness.make(seed: 7, tap: { seen.append($0) })
        let plain = try await UDPHarness.make(seed: 7)
        try await withTeardown({ await watched.stop(); await plain.stop() }) { () async throws in
            try await Self.exercise(watched, faults: faults, count: 30)
            try await Self.exercise(plain, faults: faults, count: 30)
            let outcomes = Self.outcomes(watched)
            #expect(outcomes == Self.outcomes(plain))
            #expect(outcomes.contains("lost (fault)"))
            let commands = seen.events.compactMap { event -> String? in
                if case .command(_, let outcome) = event { return outcome }
                return nil
            }
            #expect(commands == outcomes)
            let replies = seen.events.filter { if case .reply = $0 { return true } else { return false } }.count
            #expect(replies > 0 && replies < outcomes.count)

            // State ticks: each is seen with the ground truth, the lost ones without a line.
            faults.stateLoss = 0.5
            try await watched.drone.setFaults(faults)
            await watched.fly(for: .seconds(3))
            let states = seen.events.compactMap { event -> String?? in
                if case .state(let line, let truth) = event, truth.battery > 0 { return line }
                return nil
            }
            #expect(states.count >= 5)
            #expect(states.contains { $0 == nil } && states.contains { $0 != nil })
        }
    }
}

/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class TapRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [SimulatorTapEvent] = []
    func append(_ event: SimulatorTapEvent) { lock.withLock { stored.append(event) } }
    var events: [SimulatorTapEvent] { lock.withLock { stored } }
}
