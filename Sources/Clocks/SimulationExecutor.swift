import Glibc

/// A task executor that runs its jobs one at a time, in the order they
/// were enqueued, on a thread of its own, and knows when it has nothing
/// left to run.
///
/// A simulation run puts the system under test on it
/// (`run(_:)`, Swift's task executor preference): the run's task, its
/// child tasks and the default actors they call all run their code here,
/// so with time virtual and the network in memory, "nothing left to run"
/// is a fact, not a guess: the queue is empty, so every task of the run is
/// waiting on the clock or on something that only the clock or the driver
/// can bring. `whenIdle()` waits for exactly that moment; the driver then
/// checks its conditions and moves the clock. One thread and FIFO order
/// also make the interleaving of tasks the same on every run.
///
/// What keeps it true (docs/architecture.md, "Simulation runs"): work is
/// started as child tasks (or with `Task(executorPreference:
/// SimulationExecutor.current)`), never `Task.detached` or a Dispatch queue;
/// no call blocks the thread; every wait is on the injected clock or on a
/// peer in the in-memory network.
///
/// `@unchecked Sendable`: the queue, the idle waiters and `finished` are
/// only touched under `condition`'s lock; jobs run outside it.
public final class SimulationExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor the current task's simulation run is on, if any; read by
    /// the few places that must start an unstructured task, so it stays in the run.
    @TaskLocal public static var current: SimulationExecutor?

    private let condition = Condition()
    private var queue: [UnownedJob] = []
    private var head = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var finished = false
    /// Set by `abandon`: jobs are dropped instead of run or forwarded.
    private var abandoned = false
    private var stopped = false
    /// A job is running now: set when one is taken, cleared when the loop comes back for the next.
    private var running = false
    private var jobsRun = 0
    private var thread: pthread_t?

    /// Starts the executor's thread, named `name` (seen in a debugger and in stack dumps).
    public init(name: String = "simulation") {
        startThread(name: name) { [self] in runLoop() }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let forward: Bool = condition.withLock {
            if abandoned { return false }
            if finished { return true }
            queue.append(job)
            condition.signal()
            return false
        }
        // A job arriving after `finish` (a task the run left behind) still runs, elsewhere.
        // After `abandon` it is dropped: its task would only spin on the global pool.
        if forward { globalConcurrentExecutor.enqueue(job) }
    }

    /// Runs `body` on this executor: it, its child tasks and the default
    /// actors they call run here, and `current` names this executor to them.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(self) {
            try await Self.$current.withValue(self) { try await body() }
        }
    }

    /// Returns once nothing is queued: every task on this executor is
    /// suspended. Called from a task of the run, it returns when all the
    /// others are waiting; waiters are woken one at a time, first come first.
    public func whenIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.withLock {
                idleWaiters.append(continuation)
                condition.signal()
            }
        }
    }

    /// True when called from the executor's own thread (from code of the run).
    public var isCurrentThread: Bool {
        guard let thread = condition.withLock({ thread }) else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Jobs run so far: a count that moves whenever anything on the executor does.
    public var jobCount: Int { condition.withLock { jobsRun } }

    /// Jobs enqueued and not yet started: what is runnable right now.
    public var queuedJobCount: Int { condition.withLock { queue.count - head } }

    /// A job is running on the thread right now.
    public var isRunningJob: Bool { condition.withLock { running } }

    /// The thread has ended (after `finish` with an empty queue, or after `abandon`).
    public var hasStopped: Bool { condition.withLock { stopped } }

    /// Gives up on a run that will not end (it ignores cancellation and
    /// never lets the executor go idle): queued and later jobs are dropped,
    /// never run, and the thread ends once the job it runs now returns. The
    /// tasks of the run stay suspended for good and their memory is not
    /// reclaimed; the point is that none of them spins on a CPU any more. A
    /// job that never returns (a loop without an `await` that suspends)
    /// cannot be stopped by anyone and keeps the thread.
    public func abandon() {
        let first: Bool = condition.withLock {
            defer {
                abandoned = true
                finished = true
                queue.removeAll()
                head = 0
                condition.signal()
            }
            return !abandoned
        }
        // Its abandoned tasks still name it as their executor, and one of them
        // may yet be woken from outside and enqueued here: it must never go.
        if first { _ = Unmanaged.passRetained(self) }
    }

    /// Ends the thread once the queue is empty; later jobs run on the global executor.
    public func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    private func runLoop() {
        condition.withLock { thread = pthread_self() }
        while true {
            enum Next { case job(UnownedJob), idle(CheckedContinuation<Void, Never>), stop }
            let next: Next = condition.withLock {
                running = false
                while true {
                    if head < queue.count {
                        let job = queue[head]
                        head += 1
                        if head > 1024, head * 2 > queue.count {
                            queue.removeFirst(head)
                            head = 0
                        }
                        jobsRun += 1
                        running = true
                        return .job(job)
                    }
                    if abandoned {
                        stopped = true
                        return .stop
                    }
                    if !idleWaiters.isEmpty { return .idle(idleWaiters.removeFirst()) }
                    if finished {
                        stopped = true
                        return .stop
                    }
                    condition.wait()
                }
            }
            switch next {
            case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
            case .idle(let waiter): waiter.resume()
            case .stop: return
            }
        }
    }
}
