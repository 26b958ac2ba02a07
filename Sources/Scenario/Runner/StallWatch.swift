import Clocks
import Foundation

/// Runs one scenario run while a thread of its own watches it for progress,
/// so a run that waits for something that will never happen (a handshake
/// nobody answers, a shutdown waiting on a clock nobody moves) ends as a
/// failure that says what it was waiting for instead of hanging the library.
///
/// Progress is any change in `RunProgress.signature()`. When nothing changed
/// for `limit` of wall time, the watch writes the diagnosis at once through
/// `alert` (so it reaches the log even if the process is killed later),
/// cancels the run, and gives it another `limit` without progress to unwind
/// and shut its system down. A run that cannot even do that is abandoned:
/// its task keeps whatever it holds, and the library goes on.
///
/// The watcher is a thread, not a task: a stuck run may be stuck precisely
/// because the cooperative pool's threads are blocked.
enum StallWatch {
    enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        /// `finished` is the run's own result if it unwound after being cancelled.
        case stalled(diagnosis: [String], phase: RunProgress.Phase, finished: Value?)
    }

    static func run<Value: Sendable>(
        _ progress: RunProgress, limit: Duration, alert: @escaping @Sendable ([String]) -> Void,
        _ body: @escaping @Sendable () async -> Value
    ) async -> Outcome<Value> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Outcome<Value>, Never>) in
            let verdict = Verdict(continuation)
            // Unstructured on purpose: a stalled run cannot be awaited, and a
            // child task would make this call wait for it. It is cancelled on a
            // stall and, if it unwinds, its result is awaited through `verdict`.
            // On the run's executor when the run is in memory.
            let task = Task(executorPreference: SimulationExecutor.current) {
                let value = await body()
                verdict.bodyFinished(value)
            }
            let watcher = Thread {
                watch(progress, limit: limit, verdict: verdict, alert: alert, cancel: { task.cancel() })
            }
            watcher.name = "scenario-stall-watch"
            watcher.start()
        }
    }

    private static func watch<Value: Sendable>(
        _ progress: RunProgress, limit: Duration, verdict: Verdict<Value>, alert: @Sendable ([String]) -> Void,
        cancel: () -> Void
    ) {
        let wall = ContinuousClock()
        let poll = min(max(limit / 20, .milliseconds(10)), .milliseconds(500))
        var last = progress.signature()
        var since = wall.now
        while !verdict.isDecided {
            if verdict.waitForDecision(upTo: poll) { return }
            let current = progress.signature()
            if current != last {
                last = current
                since = wall.now
                continue
            }
            guard wall.now - since >= limit else { continue }
            if verdict.diagnosis == nil {
                let diagnosis = StallDiagnosis.lines(progress, stalledFor: wall.now - since, limit: limit)
                verdict.stalled(diagnosis, phase: progress.phase)
                alert(diagnosis)
                cancel()
                since = wall.now
            } else {
                verdict.abandon()
                alert(["\(progress.scenario.name) run \(progress.run): did not unwind \(ScenarioDuration.format(limit)) after being stopped; abandoned (\(StallDiagnosis.headline(progress.phase)))"])
                return
            }
        }
    }

    /// Resumes the caller exactly once: with the run's result, or with the
    /// stall if the run never came back. `@unchecked Sendable`: every member
    /// is only touched under `lock`, and the continuation is resumed outside it.
    private final class Verdict<Value: Sendable>: @unchecked Sendable {
        private let lock = NSCondition()
        private var continuation: CheckedContinuation<Outcome<Value>, Never>?
        private var stall: (diagnosis: [String], phase: RunProgress.Phase)?

        init(_ continuation: CheckedContinuation<Outcome<Value>, Never>) { self.continuation = continuation }

        var isDecided: Bool { lock.withLock { continuation == nil } }
        var diagnosis: [String]? { lock.withLock { stall?.diagnosis } }

        func stalled(_ diagnosis: [String], phase: RunProgress.Phase) { lock.withLock { stall = (diagnosis, phase) } }

        /// Sleeps until the verdict is decided or `limit` has passed; true if decided.
        /// The watch ends as soon as its run does, and with it its hold on the run's system.
        func waitForDecision(upTo limit: Duration) -> Bool {
            let deadline = Date(timeIntervalSinceNow: limit.seconds)
            return lock.withLock {
                while continuation != nil, lock.wait(until: deadline) {}
                return continuation == nil
            }
        }

        func bodyFinished(_ value: Value) {
            decide { stall in stall.map { .stalled(diagnosis: $0.diagnosis, phase: $0.phase, finished: value) } ?? .finished(value) }
        }

        func abandon() {
            decide { stall in .stalled(diagnosis: stall?.diagnosis ?? [], phase: stall?.phase ?? RunProgress.Phase(text: "?"), finished: nil) }
        }

        private func decide(_ outcome: ((diagnosis: [String], phase: RunProgress.Phase)?) -> Outcome<Value>) {
            let resume: (CheckedContinuation<Outcome<Value>, Never>, Outcome<Value>)? = lock.withLock {
                guard let continuation else { return nil }
                self.continuation = nil
                lock.broadcast()
                return (continuation, outcome(stall))
            }
            if let (continuation, outcome) = resume { continuation.resume(returning: outcome) }
        }
    }
}
