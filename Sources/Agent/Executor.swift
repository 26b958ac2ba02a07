import Clocks
import JSONValue
import Lifetimes
import Logs
import Planner

/// Runs what the clients ask the drone to do, one thing at a time.
///
/// One plan (or one single movement) occupies the drone; a second is refused
/// as busy rather than interleaved. Reads pass. `emergency` and `stop` are
/// never refused: they cancel a running plan and go to the link at once,
/// which sends them ahead of the command in flight (`DroneLinkMachine`).
/// Anything that flies was admitted at an `Interruptions.Mark`, checked
/// right before flying: what arrived before an emergency does not fly after it.
package actor Executor {
    package typealias Broadcast = @Sendable (JSONValue) async -> Void

    /// What a plan run did: one result per step executed (stopping at the first failure).
    package struct Run: Sendable, Equatable {
        package var results: [ActionResult]
        package var total: Int
        /// Why the plan stopped early, if it was stopped rather than failed.
        package var cancellation: Interruption?
        /// Each step that succeeded next to its preflight's prediction, when the plan had one.
        package var shadow = ShadowObservations()
        /// Stopped by `emergency`/`stop`, a disconnect or shutdown rather than by a failed step.
        package var cancelled: Bool { cancellation != nil }
        package var success: Bool { results.count == total && results.allSatisfy(\.success) }
        package var executed: Int { results.filter(\.success).count }
    }

    /// Urgent commands and shutdown, shared with the server's read loops.
    package nonisolated let interruptions = Interruptions()
    let drone: Drone
    private let time: any TimeSource
    private let pause: Duration
    let logger: Logger
    let broadcast: Broadcast
    /// Opened to cancel the running plan or single movement (each runs as a
    /// child of the request that asked for it, and this cancels that child).
    private var running: Latch?
    private var cancellation: Interruption?
    private var occupied = false
    /// Opened once the urgent command that cancelled the running plan has
    /// been answered (to its sender and broadcast): the plan's result waits
    /// for it, so every client reads the emergency's response first.
    private var urgentAnswered: Latch?

    /// Set by whoever answers an urgent request around its handling
    /// (`AgentServer`), and opened once the answer is sent. Without it (a
    /// caller that answers nobody) a cancelled plan reports at once.
    @TaskLocal package static var answer: Latch?

    /// `pause` between plan steps: the original slept 2 s after each command
    /// so the drone settles before the next.
    package init(drone: Drone, time: any TimeSource, pause: Duration = .seconds(2), logger: Logger,
                broadcast: @escaping Broadcast) {
        self.drone = drone
        self.time = time
        self.pause = pause
        self.logger = logger
        self.broadcast = broadcast
    }

    /// Runs `plan` step by step with progress broadcasts; nil if the drone is busy.
    /// A plan admitted before an interruption does not start (`cancellation` says why).
    /// With a `watch`, each step's end is compared with the preflight's prediction.
    package func run(_ plan: [PlannedCommand], admitted: Interruptions.Mark? = nil, watch: ShadowWatch? = nil) async -> Run? {
        if let admitted, let why = interruptions.reason(since: admitted) {
            logger.info("plan dropped", ("reason", why))
            return Run(results: [], total: plan.count, cancellation: why)
        }
        guard !occupied else { return nil }
        occupied = true
        defer { occupied = false }
        cancellation = nil
        let stop = Latch()
        running = stop
        urgentAnswered = nil
        let run = await stop.cancelling { await self.execute(plan, watch: watch) }
        running = nil
        // The order clients read is the agent's, not a race: an emergency's (or stop's)
        // response first, then the result of the plan it cancelled (docs/agent.md).
        if case .urgent = run.cancellation, let answered = urgentAnswered { await answered.wait() }
        urgentAnswered = nil
        await broadcast(AgentMessage.aiCommandsExecuted(total: run.total, executed: run.executed, success: run.success))
        return run
    }

    /// One `drone_command`, already checked; `name` is the client's action
    /// name, for the result. Emergency and stop cancel a running plan first.
    package func perform(_ action: CheckedAction, name: String, admitted: Interruptions.Mark? = nil) async -> ActionResult {
        switch action {
        case .emergency, .stop:
            if running != nil, let answer = Self.answer { urgentAnswered = answer }
            cancelRunning(.urgent(name))
            let result = await drone.perform(action, name: name)
            // Superseded: it went out at once (urgent commands skip every queue and
            // guard) and a later emergency/stop took over waiting for the drone's answer.
            guard !result.success, result.text == .planCancelled else { return result }
            return .done(name, .urgentSentAhead(name), data: result.data)
        case .readBattery, .readStatus, .refused:
            return await drone.perform(action, name: name)
        case .takeoff, .land, .move, .hover:
            if let admitted, let why = interruptions.reason(since: admitted) {
                logger.info("command dropped", ("action", name), ("reason", why))
                return .failed(name, why.text)
            }
            guard !occupied else { return .failed(name, .busy) }
            occupied = true
            defer { occupied = false }
            // Cancellable, so emergency, disconnect and shutdown can cut a hover short.
            cancellation = nil
            let stop = Latch()
            running = stop
            var result = await stop.cancelling { [drone] in await drone.perform(action, name: name) }
            running = nil
            if stop.isOpen, result.text == .planCancelled, let why = cancellation { result.text = why.text }
            return result
        }
    }

    /// Cancels a running plan (`disconnect_drone`), naming why.
    package func cancelPlan(_ why: Interruption) {
        cancelRunning(why)
    }

    /// Shutdown: the running plan is cancelled and nothing admitted, before or
    /// after, flies any more; only `emergency`/`stop` and the agent's own landing do.
    package func shutdown() {
        interruptions.end(.shutdown)
        cancelRunning(.shutdown)
    }

    private func cancelRunning(_ why: Interruption) {
        guard let running else { return }
        logger.warning("running plan cancelled", ("by", why))
        cancellation = why
        running.open()
    }

    private func execute(_ plan: [PlannedCommand], watch: ShadowWatch?) async -> Run {
        var results: [ActionResult] = []
        var shadow = ShadowObservations()
        let startYaw = Double(await drone.status.yaw)
        // `cancellation` is set the moment the plan is cancelled; the task's own
        // cancellation reaches it a moment later (or, at shutdown, only that).
        for (index, step) in plan.enumerated() {
            if cancellation != nil || Task.isCancelled { break }
            await broadcast(AgentMessage.commandExecuting(index: index + 1, total: plan.count, command: step))
            let began = time.now
            let result = await drone.perform(CheckedAction(planned: step), name: step.action.rawValue)
            let took = time.now - began
            results.append(result)
            logger.info("plan step", ("index", index + 1), ("action", step.action.rawValue), ("success", result.success))
            guard result.success else { break }
            if let watch {
                let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18
                await observe(step: index, of: plan.count, seconds: seconds, startYaw: startYaw, watch: watch, into: &shadow)
            }
            if index < plan.count - 1 {
                do { try await time.sleep(for: pause) } catch { break }
            }
        }
        let why = cancellation ?? (Task.isCancelled ? .shutdown : nil)
        if let why, let last = results.last, last.text == .planCancelled {
            results[results.count - 1].text = why.text  // the step saw a cancellation; this says whose
        }
        return Run(results: results, total: plan.count, cancellation: why, shadow: shadow)
    }
}
