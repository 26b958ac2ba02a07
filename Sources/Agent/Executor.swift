import Clocks
import JSONValue
import Logs
import Planner

/// Runs what the clients ask the drone to do, one thing at a time.
///
/// One plan (or one single movement) occupies the drone; a second is refused
/// as busy rather than interleaved. Reads pass. `emergency` and `stop` are
/// never refused: they cancel a running plan and go to the link at once,
/// which sends them ahead of the command in flight (`DroneLinkMachine`).
public actor Executor {
    public typealias Broadcast = @Sendable (JSONValue) async -> Void

    /// What a plan run did: one result per step executed (stopping at the first failure).
    public struct Run: Sendable, Equatable {
        public var results: [ActionResult]
        public var total: Int
        /// Stopped by `emergency`/`stop` (or shutdown) rather than by a failed step.
        public var cancelled: Bool
        public var success: Bool { results.count == total && results.allSatisfy(\.success) }
        public var executed: Int { results.filter(\.success).count }
    }

    private let drone: Drone
    private let time: any TimeSource
    private let pause: Duration
    private let logger: Logger
    private let broadcast: Broadcast
    private var running: Task<Run, Never>?
    private var occupied = false

    /// `pause` between plan steps: the original slept 2 s after each command
    /// so the drone settles before the next.
    public init(drone: Drone, time: any TimeSource, pause: Duration = .seconds(2), logger: Logger,
                broadcast: @escaping Broadcast) {
        self.drone = drone
        self.time = time
        self.pause = pause
        self.logger = logger
        self.broadcast = broadcast
    }

    /// Runs `plan` step by step with progress broadcasts; nil if the drone is busy.
    public func run(_ plan: [PlannedCommand]) async -> Run? {
        guard !occupied else { return nil }
        occupied = true
        defer { occupied = false }
        let task = Task { await self.execute(plan) }
        running = task
        let run = await task.value
        running = nil
        return run
    }

    /// One `drone_command`. Emergency and stop cancel a running plan first.
    public func perform(action name: String, parameters: [String: JSONValue]) async -> ActionResult {
        let action = CheckedAction.resolve(action: name, parameters: parameters)
        switch action {
        case .emergency, .stop:
            if let running {
                logger.warning("running plan cancelled", ("by", name))
                running.cancel()
            }
            return await drone.perform(action, name: name)
        case .readBattery, .readStatus, .refused:
            return await drone.perform(action, name: name)
        case .takeoff, .land, .move, .hover:
            guard !occupied else { return .failed(name, .busy) }
            occupied = true
            defer { occupied = false }
            return await drone.perform(action, name: name)
        }
    }

    /// Cancels a running plan (a client asked for emergency, or the agent is shutting down).
    public func cancelPlan() {
        running?.cancel()
    }

    private func execute(_ plan: [PlannedCommand]) async -> Run {
        var results: [ActionResult] = []
        for (index, step) in plan.enumerated() {
            if Task.isCancelled { break }
            await broadcast(AgentMessage.commandExecuting(index: index + 1, total: plan.count, command: step))
            let action = CheckedAction.resolve(action: step.action, parameters: step.parameters)
            let result = await drone.perform(action, name: step.action)
            results.append(result)
            logger.info("plan step", ("index", index + 1), ("action", step.action), ("success", result.success))
            guard result.success else { break }
            if index < plan.count - 1 {
                do { try await time.sleep(for: pause) } catch { break }
            }
        }
        let run = Run(results: results, total: plan.count, cancelled: Task.isCancelled)
        await broadcast(AgentMessage.aiCommandsExecuted(total: run.total, executed: run.executed, success: run.success))
        return run
    }
}
