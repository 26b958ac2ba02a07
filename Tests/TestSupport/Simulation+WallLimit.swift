import Clocks
import Dispatch
import Foundation
import Synchronization

extension Simulation {
    /// The wall time a run may take unless its call says otherwise. The
    /// slowest healthy run in the suite takes about a second alone and up
    /// to three in a full `swift test` on a loaded two-core machine (see
    /// docs/architecture.md, "Agent tests in memory"); thirty leave room for
    /// a slower CI runner, and a run that spins is still stopped long before
    /// anyone would give up on the whole `swift test`.
    public static let defaultWallLimit: Duration = .seconds(30)

    /// How long a run cancelled at its wall limit gets to end before its
    /// tasks are abandoned (`SimulationExecutor.abandon`): as long again as
    /// the limit, at most two seconds. Code that honours cancellation ends
    /// within a few jobs; a run that ignores it never will.
    static func cancelGrace(after wall: Duration) -> Duration { min(wall, .seconds(2)) }

    /// Runs `operation` (the whole run, on the executor) in a task of its
    /// own and waits for it for at most `wall`. Past that, the run is
    /// cancelled, and a run that does not end within `cancelGrace` is
    /// abandoned; either way `SimulationOverrun` is thrown with what
    /// the run had done when the limit came. A healthy run costs one timer.
    func withinWallLimit<T: Sendable>(
        _ wall: Duration, name: String, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = WallBoundedOutcome<T>()
        let started = ContinuousClock.now
        // Unstructured by purpose: a child task holds its parent until it ends,
        // and a run that ignores cancellation would then hold the test, and
        // `swift test`, for ever. Its result comes back through `outcome`.
        let run = Task(executorPreference: executor) {
            let result: Result<T, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            // Measured here, where the run ends: the caller may resume later on a busy pool.
            self.logWallTime(name: name, wall: ContinuousClock.now - started, outcome: (try? result.get()) == nil ? "threw" : "returned")
            outcome.deliver(result)
        }
        return try await withTaskCancellationHandler {
            if let result = await outcome.result(within: wall) { return try result.get() }
            let overrun = overrunReport(name: name, wall: wall, elapsed: ContinuousClock.now - started)
            run.cancel()
            let grace = Self.cancelGrace(after: wall)
            let ended = await outcome.result(within: grace) != nil
            if !ended { executor.abandon() }
            throw SimulationOverrun(overrun, endedWhenCancelled: ended, grace: grace)
        } onCancel: {
            run.cancel()
        }
    }

    /// What the run had done when its wall limit came, read from the clock,
    /// the executor and the driver's own counts (all thread-safe).
    private func overrunReport(name: String, wall: Duration, elapsed: Duration) -> SimulationOverrun.Report {
        let counts = driverCounts
        return SimulationOverrun.Report(
            name: name, wallLimit: wall, wallElapsed: elapsed, virtualNow: time.now, jobsRun: executor.jobCount,
            jobRunning: executor.isRunningJob, runnableJobs: executor.queuedJobCount, idleTurns: counts.idleTurns, lastIdleAt: counts.lastIdleAt,
            timers: time.sleeperCount, nextTimer: time.nextDeadline, conditionWaits: counts.waits,
            earliestConditionDeadline: counts.earliestWait)
    }
}

/// A simulation run that was still running at its wall-clock limit: it
/// never went idle for long enough to finish (a task spinning, a timer
/// firing again and again, tasks waking each other), so neither the virtual
/// limit nor the idle check could stop it.
public struct SimulationOverrun: Error, CustomStringConvertible {
    /// The run's state when the limit came.
    public struct Report: Sendable {
        public let name: String
        public let wallLimit: Duration
        public let wallElapsed: Duration
        /// Virtual time passed (every run starts at zero).
        public let virtualNow: Duration
        public let jobsRun: Int
        /// A job was running on the executor's thread.
        public let jobRunning: Bool
        /// Jobs queued on the executor and not yet started.
        public let runnableJobs: Int
        /// How often the driver found every task waiting, and the virtual time of the last.
        public let idleTurns: Int
        public let lastIdleAt: Duration?
        /// Sleepers and scheduled deliveries on the virtual clock, and the earliest deadline.
        public let timers: Int
        public let nextTimer: Duration?
        /// `eventually`/`until` waits parked until the next turn, and their earliest bound.
        public let conditionWaits: Int
        public let earliestConditionDeadline: Duration?
    }

    public let report: Report
    /// Cancelled at the limit, the run ended; false: it did not end within
    /// the grace and its tasks were abandoned.
    public let endedWhenCancelled: Bool
    public let grace: Duration

    init(_ report: Report, endedWhenCancelled: Bool, grace: Duration) {
        self.report = report
        self.endedWhenCancelled = endedWhenCancelled
        self.grace = grace
    }

    public var description: String {
        let r = report
        let idle = r.lastIdleAt.map { "it went idle \(count(r.idleTurns, "time")), the last at \(seconds($0)) of virtual time" }
            ?? "it never went idle"
        let timer = r.nextTimer.map { ", the earliest at \(seconds($0))\($0 <= r.virtualNow ? " (already due)" : "")" } ?? ""
        let wait = r.earliestConditionDeadline.map { ", the earliest bound at \(seconds($0))" } ?? ""
        let end = endedWhenCancelled
            ? "cancelled, the run ended"
            : "cancelled, the run did not end within \(seconds(grace)) of wall time, so its tasks were abandoned"
        return "simulation \"\(r.name)\" still running after \(seconds(r.wallElapsed)) of wall time (limit \(seconds(r.wallLimit))): "
            + "\(seconds(r.virtualNow)) of virtual time passed and \(count(r.jobsRun, "job")) ran; \(idle); "
            + "at the limit \(r.jobRunning ? "a job was running and " : "")\(count(r.runnableJobs, "job")) runnable, "
            + "\(count(r.timers, "timer")) waiting\(timer), \(count(r.conditionWaits, "condition wait")) parked\(wait); \(end)"
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private func seconds(_ d: Duration) -> String {
        String(format: "%.3f s", d.seconds)
    }
}

/// The result of a run's task, handed to a waiter that gives up after a
/// stretch of wall time. One waiter at a time.
final class WallBoundedOutcome<T: Sendable>: Sendable {
    /// `@unchecked Sendable`: a dispatch source may be cancelled from any
    /// thread (libdispatch makes `cancel` thread-safe); nothing else is done with it here.
    private struct Timer: @unchecked Sendable {
        let source: any DispatchSourceTimer
    }

    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<Result<T, any Error>?, Never>?
        var timer: Timer?
    }

    private let state = Mutex(State())

    func deliver(_ result: Result<T, any Error>) {
        answerWaiter(with: result)
    }

    /// The result, or nil if `wall` passes first. Not cancellation-aware on
    /// purpose: the caller's cancellation cancels the run, whose end is awaited here.
    func result(within wall: Duration) async -> Result<T, any Error>? {
        await withCheckedContinuation { (waiter: CheckedContinuation<Result<T, any Error>?, Never>) in
            // Activated before anyone can cancel it: libdispatch must never release an inactive source.
            let source = DispatchSource.makeTimerSource(queue: .global())
            source.setEventHandler { @Sendable [self] in expire() }
            source.schedule(deadline: .now() + .milliseconds(Int(wall.milliseconds)), leeway: .milliseconds(10))
            source.activate()
            let ready: Result<T, any Error>? = state.withLock { state in
                if let result = state.result { return result }
                state.waiter = waiter
                state.timer = Timer(source: source)
                return nil
            }
            if let ready {
                source.cancel()
                waiter.resume(returning: ready)
            }
        }
    }

    private func expire() {
        answerWaiter(with: nil)
    }

    /// Keeps `result` (when there is one), stops the timer, and gives the
    /// waiter `result`: nil when the wall time ran out first.
    private func answerWaiter(with result: Result<T, any Error>?) {
        let (waiter, timer) = state.withLock { state in
            if let result { state.result = result }
            defer {
                state.waiter = nil
                state.timer = nil
            }
            return (state.waiter, state.timer)
        }
        timer?.source.cancel()
        waiter?.resume(returning: result)
    }
}
