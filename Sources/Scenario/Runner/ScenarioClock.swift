import Clocks
import Foundation

/// How the runner makes scenario time pass.
///
/// Virtual: time moves only here. Before each move the runner waits until the
/// system is idle (`settle`), then jumps to the next timer anyone sleeps on,
/// one deadline at a time, so every timer fires in the same order every run.
/// In memory (`simulation`), idle is known: the run's executor has nothing
/// queued (`SimulationExecutor.whenIdle`). Live, over real sockets, it is
/// inferred from what the process and the kernel show (`PendingWork`).
/// Real: time is the wall clock; waiting means waiting.
public struct ScenarioClock: Sendable {
    public let source: any TimeSource
    let virtual: VirtualTime?
    /// The executor a run in memory is on; nil for runs over real sockets.
    var executor: SimulationExecutor?
    /// Idle means nothing observable changed for this many consecutive polls.
    let quietPolls: Int
    let pollInterval: Duration
    /// A system that never goes quiet (a video stream) is treated as idle after this much wall time.
    let maxSettle: Duration
    /// Pending work (see `PendingWork`) that persists this long while nothing
    /// observable changes is taken for someone else's and ignored: busy
    /// threads, then unread socket input (a stuck peer).
    let threadPatience: Duration
    let socketPatience: Duration

    /// Virtual time for a process of its own (`tello-scenario`): pending work
    /// in the process is the system's, so it is waited for patiently.
    public static func virtual(_ time: VirtualTime = VirtualTime()) -> ScenarioClock {
        ScenarioClock(
            source: time, virtual: time, quietPolls: 3, pollInterval: .microseconds(200), maxSettle: .seconds(2),
            threadPatience: .milliseconds(50), socketPatience: .seconds(1))
    }

    /// Virtual time in a process shared with unrelated work (a test run):
    /// others' threads and sockets are always there, so patience is short.
    public static func virtualInSharedProcess(_ time: VirtualTime = VirtualTime()) -> ScenarioClock {
        ScenarioClock(
            source: time, virtual: time, quietPolls: 3, pollInterval: .microseconds(200), maxSettle: .seconds(2),
            threadPatience: .milliseconds(100), socketPatience: .milliseconds(300))
    }

    /// Virtual time for a run in memory on `executor`: settling is waiting
    /// until its queue is empty, with no poll, no patience and no real time.
    public static func simulation(_ time: VirtualTime, on executor: SimulationExecutor) -> ScenarioClock {
        var clock = ScenarioClock(
            source: time, virtual: time, quietPolls: 0, pollInterval: .zero, maxSettle: .zero, threadPatience: .zero, socketPatience: .zero)
        clock.executor = executor
        return clock
    }

    public static func real() -> ScenarioClock {
        ScenarioClock(
            source: SystemTime(), virtual: nil, quietPolls: 1, pollInterval: .milliseconds(5), maxSettle: .seconds(2),
            threadPatience: .zero, socketPatience: .zero)
    }

    public var now: Duration { source.now }

    /// Waits (wall time) until the system is idle: `fingerprint` and, in
    /// virtual time, the set of sleepers stopped changing for `quietPolls`
    /// polls, and the kernel knows of no pending work (`PendingWork`: input
    /// waiting in a socket, another thread running or runnable).
    ///
    /// The polls run on a thread of their own, blocked in `usleep` between
    /// polls, so that while it waits every thread of the system under test
    /// that has nothing to do is parked: a runnable one is real work, even on
    /// a machine so loaded that it has not been scheduled yet. Pending work
    /// that persists while nothing observable changes (a peer nobody reads any
    /// more, a neighbour's thread in a shared test process) is accepted after
    /// the clock's patience, so it lengthens the wait instead of blocking it.
    func settle(_ fingerprint: @escaping @Sendable () -> [Int]) async {
        if let executor {
            await executor.whenIdle()
            return
        }
        let limits = (poll: pollInterval, quietPolls: quietPolls, maxSettle: maxSettle, threads: threadPatience, sockets: socketPatience)
        let virtual = self.virtual
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let poller = Thread {
                Self.pollUntilIdle(limits) {
                    var values = fingerprint()
                    if let virtual {
                        values.append(virtual.sleeperCount)
                        values.append(Int(virtual.nextDeadline?.milliseconds ?? -1))
                    }
                    return values
                }
                done.resume()
            }
            poller.name = "scenario-settle"
            poller.start()
        }
    }

    private static func pollUntilIdle(
        _ limits: (poll: Duration, quietPolls: Int, maxSettle: Duration, threads: Duration, sockets: Duration), snapshot: () -> [Int]
    ) {
        let wall = ContinuousClock()
        let giveUp = wall.now + limits.maxSettle
        let quietPolls = limits.quietPolls
        let micros = useconds_t(max(1, limits.poll.components.seconds * 1_000_000 + limits.poll.components.attoseconds / 1_000_000_000_000))
        var last = snapshot()
        var quiet = 0
        var quietSince = wall.now
        while wall.now < giveUp {
            // Once it looks quiet, the kernel is asked, which costs far more than a
            // poll: if work is pending, back off so the wait does not load the machine.
            usleep(quiet > quietPolls ? max(micros, 2000) : micros)
            let current = snapshot()
            if current != last {
                quiet = 0
                quietSince = wall.now
                last = current
                continue
            }
            quiet += 1
            guard quiet >= quietPolls else { continue }
            let quietFor = wall.now - quietSince
            if PendingWork.socketsWithInput() > 0, quietFor < limits.sockets { continue }
            if PendingWork.busyThreads() == 0 || quietFor >= limits.threads { return }
        }
    }

    /// Lets time pass up to `target`, calling `check` after each step; stops
    /// early (returning true) as soon as `check` does.
    func run(
        isolation: isolated (any Actor)? = #isolation, until target: Duration, settle: () async -> Void, check: () async -> Bool
    ) async -> Bool {
        guard let virtual else {
            while source.now < target {
                if await check() { return true }
                try? await Task.sleep(for: pollInterval)
            }
            return await check()
        }
        while true {
            await settle()
            if await check() { return true }
            guard virtual.now < target else { return false }
            if let next = virtual.nextDeadline, next <= target {
                virtual.advance(to: next)
            } else {
                virtual.advance(to: target)
            }
        }
    }
}
