import Clocks
import Foundation

/// Where one run of a scenario is and what it is made of, readable from any
/// thread: the stall watch samples it (`signature`) to tell a slow run from a
/// stuck one, and describes it (`StallDiagnosis`) when the run is stuck.
///
/// The player and the engine write to it as they go; nothing here waits.
/// `@unchecked Sendable`: every mutable member is only touched under `lock`.
final class RunProgress: @unchecked Sendable {
    /// What the run is doing: booting, a step, settling, shutting down.
    struct Phase: Sendable, Equatable {
        var stepIndex: Int?
        var text: String
        var note: String?
    }

    let scenario: ScenarioFile
    let run: Int
    let virtual: VirtualTime?
    private let lock = NSLock()
    private var current = Phase(text: "starting the agent, simulator and mocks")
    /// Bumped by every phase change, and by every turn of a waiting loop in
    /// real time (where the clock itself moving is not progress).
    private var moves = 0
    private var system: (any ScenarioSystem)?
    private var clients: [ScriptedClient] = []
    private var recorder: TranscriptRecorder?

    init(scenario: ScenarioFile, run: Int, virtual: VirtualTime?) {
        self.scenario = scenario
        self.run = run
        self.virtual = virtual
    }

    func enter(_ phase: Phase) {
        lock.withLock {
            current = phase
            moves += 1
        }
    }

    /// A waiting loop turned (real time: the wall clock is the scenario's, so a wait is progress).
    func turned() { lock.withLock { moves += 1 } }

    func attach(system: any ScenarioSystem) { lock.withLock { self.system = system } }
    func attach(recorder: TranscriptRecorder) { lock.withLock { self.recorder = recorder } }
    func attach(client: ScriptedClient) { lock.withLock { clients.append(client) } }

    /// The run is over and its result taken: lets go of its system, clients
    /// and transcript, so a watch that outlives the run for a moment holds
    /// nothing of it. A `signature()` being taken holds the lock, so once
    /// this returns nobody reaches the system through here.
    func finish() {
        lock.withLock {
            system = nil
            clients = []
            recorder = nil
        }
    }

    var phase: Phase { lock.withLock { current } }

    /// Numbers that change whenever the run moves at all: its phase, virtual
    /// time and its sleepers, the log, the mocks' requests, what the clients
    /// received and how their connections ended, the transcript.
    /// Read under the lock, so that `finish()` waits for a reading in progress.
    func signature() -> [Int] {
        lock.withLock {
            var values = [moves, clients.count]
            if let virtual {
                values += [Int(virtual.now.milliseconds), virtual.sleeperCount, Int(virtual.nextDeadline?.milliseconds ?? -1)]
            }
            if let system { values += [system.logRecords.count, system.activity] }
            values += clients.map { $0.received.count * 8 + ($0.ended == nil ? 0 : 1) }
            values.append(recorder?.count ?? 0)
            return values
        }
    }

    /// Everything the diagnosis reads, taken at once.
    struct Snapshot {
        var phase: Phase
        var system: (any ScenarioSystem)?
        var clients: [ScriptedClient]
        var transcriptTail: [String]
    }

    func snapshot(tail: Int) -> Snapshot {
        let (phase, system, clients, recorder) = lock.withLock { (current, self.system, self.clients, self.recorder) }
        return Snapshot(phase: phase, system: system, clients: clients, transcriptTail: recorder?.current.tail(tail) ?? [])
    }
}
