import Clocks
import Foundation
import MemoryNetwork
import Synchronization

/// A test's world in one process: a `MemoryNetwork` on a `VirtualTime`,
/// with everything of the test on a `SimulationExecutor` it owns, and a
/// driver that moves the clock only when every task waits.
///
/// Inside `run`, the helpers of this module behave for the simulation
/// (`current`): `eventually` and `TestClient.first` look again each time the
/// system has gone idle instead of polling a real clock, `within` bounds in
/// virtual time, and `TestClient` and `RawWebSocketClient` connect over the
/// memory network. A wait costs the wall time of the code that runs while
/// it waits, not the time it names.
///
/// `@unchecked Sendable`: `parked`, `changed` and `idle` are only touched under `lock`.
public final class Simulation: @unchecked Sendable {
    /// The simulation the current task runs in, if any.
    @TaskLocal public static var current: Simulation?

    public let executor: SimulationExecutor
    public let time: VirtualTime
    public let network: MemoryNetwork

    private let lock = NSLock()
    /// Waits that looked at their condition and found it false, until the next turn.
    private var parked: [(deadline: Duration, wake: CheckedContinuation<Void, Never>)] = []
    /// Something may have changed since the parked waits last looked: the clock moved, or a new wait began.
    private var changed = false
    /// How often the run has gone idle, and the virtual time of the last: the wall bound's report.
    private var idle: (turns: Int, at: Duration?) = (0, nil)

    private init(executor: SimulationExecutor, time: VirtualTime, network: MemoryNetwork) {
        self.executor = executor
        self.time = time
        self.network = network
    }

    /// Runs `body` in a fresh simulation (network seeded by `seed`) and
    /// drives it until `body` returns. Each time every task of the run
    /// waits, waits whose condition may have changed look again; when none
    /// is satisfied the clock jumps to the next timer or wait deadline.
    /// Waits first for a slot (`SimulationSlots`): only a few run at once.
    /// A run idle with nothing left to wake it (or past `limit` of virtual
    /// time) cannot go on: `body` is cancelled and `SimulationStuck` thrown.
    /// The limit is far beyond any test's flight, yet low enough that a body
    /// waiting for ever beside periodic timers (a drone's state stream)
    /// fails within seconds of wall time.
    ///
    /// A run that never goes idle (a timer re-firing a deadline in the
    /// past, two tasks waking each other for ever) never reaches either
    /// check, so the run is also bounded in wall time: after `wallLimit`
    /// (counted from when it got its slot) it is cancelled and
    /// `SimulationOverrun` thrown, saying how far it got.
    public static func run<T: Sendable>(
        name: String = "test", seed: UInt64 = 1, limit: Duration = .seconds(1800),
        wallLimit: Duration = defaultWallLimit,
        _ body: @escaping @Sendable (Simulation) async throws -> T
    ) async throws -> T {
        // Inside another, it would wait for the slot its caller holds, for ever.
        precondition(current == nil, "Simulation.run inside a simulation")
        await SimulationSlots.shared.acquire()
        let slot = HeldSlot()
        let time = VirtualTime()
        let executor = SimulationExecutor(name: name)
        defer { executor.finish() }
        let simulation = Simulation(executor: executor, time: time, network: MemoryNetwork(time: time, seed: seed))
        do {
            let result = try await simulation.withinWallLimit(wallLimit, name: name) {
                // The slot is freed here, on the run's own thread, the moment it ends: this
                // caller resumes on the cooperative pool, which a full `swift test` keeps
                // busy, and every run queued for the slot would wait for that as well.
                do {
                    let value = try await executor.run {
                        try await $current.withValue(simulation) { try await simulation.drive(limit: limit, body) }
                    }
                    await slot.release()
                    return value
                } catch {
                    await slot.release()
                    throw error
                }
            }
            await slot.release()
            return result
        } catch {
            await slot.release()  // an abandoned run never frees it
            throw error
        }
    }

    private func drive<T: Sendable>(limit: Duration, _ body: @escaping @Sendable (Simulation) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            let finished = Atomic<Bool>(false)
            group.addTask {
                defer { finished.store(true, ordering: .sequentiallyConsistent) }
                return try await body(self)
            }
            while !finished.load(ordering: .sequentiallyConsistent) {
                await executor.whenIdle()
                if finished.load(ordering: .sequentiallyConsistent) { break }
                lock.withLock { idle = (turns: idle.turns + 1, at: time.now) }
                // Cancelled (at the wall limit, or the test's own task): the body's children see it
                // (they inherit it), its parked waits only once woken. Driving goes on while it winds down.
                if Task.isCancelled, wakeAllParked() { continue }
                if wakeParkedIfChanged() { continue }
                let next = [time.nextDeadline, earliestParkedDeadline].compactMap { $0 }.min()
                guard let next, next <= limit else {
                    // Read before cancelling: a cancelled sleeper leaves the clock.
                    let stuck = SimulationStuck(at: time.now, nextTimer: time.nextDeadline)
                    group.cancelAll()
                    wakeAllParked()  // they see the cancellation and throw
                    _ = try? await group.next()
                    throw stuck
                }
                time.advance(to: next)
                lock.withLock { changed = true }
            }
            guard let result = try await group.next(), let value = result else { throw CancellationError() }
            return value
        }
    }

    /// Waits until `condition` holds, looking again at every turn of the
    /// driver after something changed; throws `TimedOut` once `seconds` of
    /// virtual time have passed without it.
    public func until(_ what: String, within seconds: Double, _ condition: () async throws -> Bool) async throws {
        let deadline = time.now + .seconds(seconds)
        var first = true
        while try await !condition() {
            guard time.now < deadline else { throw TimedOut(what, seconds: seconds, virtual: true) }
            try Task.checkCancellation()
            await withCheckedContinuation { (wake: CheckedContinuation<Void, Never>) in
                lock.withLock {
                    parked.append((deadline, wake))
                    // A new wait follows work of its task that others waiting may need to see.
                    if first { changed = true }
                }
            }
            first = false
            try Task.checkCancellation()
        }
    }

    private var earliestParkedDeadline: Duration? { lock.withLock { parked.map(\.deadline).min() } }

    /// Parked waits (how many, the earliest bound) and idle turns (how many, the last one's virtual time).
    var driverCounts: (waits: Int, earliestWait: Duration?, idleTurns: Int, lastIdleAt: Duration?) {
        lock.withLock { (parked.count, parked.map(\.deadline).min(), idle.turns, idle.at) }
    }

    /// Wakes every parked wait if something changed since they last looked; true if any was woken.
    private func wakeParkedIfChanged() -> Bool {
        let woken: [CheckedContinuation<Void, Never>] = lock.withLock {
            guard changed, !parked.isEmpty else { return [] }
            changed = false
            defer { parked.removeAll() }
            return parked.map(\.wake)
        }
        for wake in woken { wake.resume() }
        return !woken.isEmpty
    }

    /// Wakes every parked wait; true if there was any.
    @discardableResult
    private func wakeAllParked() -> Bool {
        let woken = lock.withLock {
            defer { parked.removeAll() }
            return parked.map(\.wake)
        }
        for wake in woken { wake.resume() }
        return !woken.isEmpty
    }
}

extension Simulation {
    /// The virtual time a wait written as `seconds` is given: ten times
    /// more. Waiting costs no wall time here, and tests written against a
    /// clock five times faster than real keep their margin.
    public static func virtualBound(_ seconds: Double) -> Double { seconds * 10 }
}
