import Clocks
import Foundation

/// How the runner makes scenario time pass.
///
/// Virtual: time moves only here. Before each move the runner waits until the
/// system is idle (`settle`), then jumps to the next timer anyone sleeps on,
/// one deadline at a time, so every timer fires in the same order every run.
/// Real: time is the wall clock; waiting means waiting.
public struct ScenarioClock: Sendable {
    public let source: any TimeSource
    let virtual: VirtualTime?
    /// Idle means nothing observable changed for this many consecutive polls.
    let quietPolls: Int
    let pollInterval: Duration
    /// A system that never goes quiet (a video stream) is treated as idle after this much wall time.
    let maxSettle: Duration

    public static func virtual(_ time: VirtualTime = VirtualTime()) -> ScenarioClock {
        ScenarioClock(source: time, virtual: time, quietPolls: 3, pollInterval: .microseconds(200), maxSettle: .seconds(2))
    }

    public static func real() -> ScenarioClock {
        ScenarioClock(source: SystemTime(), virtual: nil, quietPolls: 1, pollInterval: .milliseconds(5), maxSettle: .seconds(2))
    }

    public var now: Duration { source.now }

    /// Waits (wall time) until the system is idle: `fingerprint` and, in
    /// virtual time, the set of sleepers stopped changing for `quietPolls`
    /// polls, and no socket of this process has input waiting. Input that
    /// stays unread (a peer nobody reads any more) only lengthens the wait,
    /// eight times, instead of blocking it.
    func settle(isolation: isolated (any Actor)? = #isolation, _ fingerprint: () -> [Int]) async {
        let wall = ContinuousClock()
        let giveUp = wall.now + maxSettle
        var last = snapshot(fingerprint)
        var quiet = 0
        var lastBacklog = -1
        while wall.now < giveUp {
            for _ in 0..<8 { await Task.yield() }
            try? await Task.sleep(for: pollInterval)
            let current = snapshot(fingerprint)
            quiet = current == last ? quiet + 1 : 0
            last = current
            guard quiet >= quietPolls else { continue }
            // Reading the kernel's tables costs more than a poll, so only once things look quiet.
            let backlog = SocketBacklog.socketsWithInput()
            if backlog == 0 || (backlog == lastBacklog && quiet >= quietPolls * 8) { return }
            if backlog != lastBacklog { quiet = 0 }
            lastBacklog = backlog
        }
    }

    private func snapshot(_ fingerprint: () -> [Int]) -> [Int] {
        var values = fingerprint()
        if let virtual {
            values.append(virtual.sleeperCount)
            values.append(Int(virtual.nextDeadline?.milliseconds ?? -1))
        }
        return values
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
