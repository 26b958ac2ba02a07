import JSONValue
import Logs
import Planner
import Preflight

/// Turns one decoded request into its response (docs/protocol.md
/// "Requests and responses"). It knows nothing of sockets: the session sends
/// the response and decides who else sees it. Every handler returns a
/// response; bad input becomes `success:false` with a clear `error`.
package struct RequestRouter: Sendable {
    package let drone: Drone
    package let executor: Executor
    package let planners: any PlannerChoice
    /// Hands each AI analysis to the 3002 bridge; must not block.
    package let deliverAnalysis: @Sendable (JSONValue) -> Void
    package let language: AgentLanguage
    package let logger: Logger
    /// Plans and flying commands are flown on a model first (`RequestRouter+Preflight`).
    package let preflight: PreflightGate
    /// Tests only: a bug put in on purpose (`PlantedRegression`).
    package var planted: PlantedRegression?
    /// A planted bug (`PlantedBugs.routerAnswersTwice`): a failed `drone_command` is answered twice. Debug builds only.
    package var plantedAnswersTwice = false

    /// Responses also broadcast to every other client, as the original did.
    package static let broadcastTypes: Set<String> = ["natural_language_command", "drone_command"]

    package init(drone: Drone, executor: Executor, planners: any PlannerChoice, language: AgentLanguage = .chinese,
                logger: Logger, preflight: PreflightGate = PreflightGate(), deliverAnalysis: @escaping @Sendable (JSONValue) -> Void) {
        self.drone = drone
        self.executor = executor
        self.planners = planners
        self.language = language
        self.logger = logger
        self.preflight = preflight
        self.deliverAnalysis = deliverAnalysis
    }

    /// Records that `request` arrived: an urgent one interrupts everything
    /// admitted before it. Synchronous, so a read loop calls it the moment it
    /// reads the request; the mark goes to `handle`.
    package func admit(_ request: AgentRequest) -> Interruptions.Mark {
        if RequestLane(request) == .urgent {
            let action = request.type == "emergency" ? "emergency" : request.data["action"]?.stringValue ?? request.type
            return executor.interruptions.interrupt(.urgent(action))
        }
        return executor.interruptions.mark
    }

    /// The response to `request`, admitted at `admitted` (now, if not given).
    package func handle(_ request: AgentRequest, admitted: Interruptions.Mark? = nil) async -> JSONValue {
        let mark = admitted ?? admit(request)
        // Shutting down is a phase, not a race: what arrives now is refused plainly (what was
        // waiting since before is answered as cancelled), except emergency and stop, which
        // must reach the drone whatever the agent is doing.
        if executor.interruptions.isAfterEnd(mark), RequestLane(request) != .urgent {
            logger.info("request refused: shutting down", ("type", request.type))
            return AgentMessage.response(to: request.type, id: request.id, failure(.shuttingDown))
        }
        let response = AgentMessage.response(to: request.type, id: request.id, await fields(for: request, admitted: mark))
        return planted?.apply(to: response, for: request) ?? response
    }

    private func fields(for request: AgentRequest, admitted: Interruptions.Mark) async -> [String: JSONValue] {
        switch request.type {
        case "connect_drone":
            let result = await drone.connect()
            var fields = result.fields(language)
            fields["battery"] = result.data["battery"]
            fields["powered_on"] = result.data["powered_on"]
            fields["data"] = nil
            fields["action"] = nil
            return fields
        case "disconnect_drone":
            await executor.cancelPlan(.droneDisconnected)
            await drone.disconnect()
            return ["success": true, "message": text(.droneDisconnected)]
        case "natural_language_command":
            return await naturalLanguage(request, admitted: admitted)
        case "confirm_plan":
            return await confirmPlan(request, admitted: admitted)
        case "drone_command", "emergency":
            let action = request.type == "emergency" ? "emergency" : request.data["action"]?.stringValue
            guard let action, !action.isEmpty else { return failure(.missingAction) }
            let parameters: [String: JSONValue]
            switch request.object("parameters") {
            case .success(let given): parameters = given
            // An emergency or stop is never refused, whatever else its message holds.
            case .failure where action == "emergency" || action == "stop": parameters = [:]
            case .failure(let why): return failure(why)
            }
            // The JSON edge: from here on the action is typed and checked.
            let checked = CheckedAction.resolve(action: action, parameters: parameters)
            return await preflighted(checked) { await executor.perform(checked, name: action, admitted: admitted).fields(language) }
        case "get_status":
            return ["message": text(.statusSnapshot), "status": await drone.snapshot.json]
        case "start_video", "stop_video":
            let result = await drone.setVideo(request.type == "start_video")
            var fields = result.fields(language)
            fields["action"] = nil
            return fields
        case "update_ai_settings":
            switch await planners.update(request.data) {
            case .success(let settings):
                return ["success": true, "message": text(.aiSettingsUpdated),
                        "ai_provider": .string(settings.provider), "model": .string(settings.model)]
            case .failure(let error):
                return failure(.aiSettingsInvalid(error.message))
            }
        case "get_ai_settings":
            let settings = await planners.settings()
            return ["success": true, "settings": ["ai_provider": .string(settings.provider), "model": .string(settings.model)]]
        default:
            return failure(.unknownType(request.type))
        }
    }

    private func naturalLanguage(_ request: AgentRequest, admitted: Interruptions.Mark) async -> [String: JSONValue] {
        guard let order = request.data["command"]?.stringValue else { return failure(.missingCommandText) }
        // Before anything looks at the text: nothing below may cost more than a bounded order does.
        if let bytes = OrderLimit.excess(order) {
            logger.warning("order refused: too long", ("bytes", bytes), ("limit", OrderLimit.maximumBytes))
            return failure(.orderTooLong(bytes: bytes, limit: OrderLimit.maximumBytes))
        }
        guard !order.allSatisfy(\.isWhitespace) else { return failure(.missingCommandText) }
        let dryRun: Bool
        switch request.bool("dry_run", default: false) {
        case .success(let value): dryRun = value
        case .failure(let why): return failure(why)
        }
        let plan: Plan
        do {
            plan = try await planners.planner().plan(order)
        } catch {
            return ["success": false, "error": .string(Echo.text(error.message, limit: 2 * Echo.limit))]
        }
        let analysis: JSONValue = ["success": true, "commands": .array(plan.commands.map(\.json)),
                                   "raw_response": .string(plan.rawResponse)]
        deliverAnalysis(analysis)
        var fields: [String: JSONValue] = ["ai_analysis": analysis]
        let connected = await drone.isConnected
        let report = connected || dryRun ? await preflight.check(shadowSteps(plan), drone: drone, always: dryRun) : nil
        fields["preflight"] = report?.json
        if dryRun, let report {
            fields["success"] = true
            fields["dry_run"] = true
            fields["message"] = text(.dryRun(steps: plan.commands.count, seconds: PreflightReport.tenth(report.durationSeconds)))
            fields["execution_results"] = []
            return fields
        }
        if let refusal = preflightRefusal(report, total: plan.commands.count) {
            fields["execution_results"] = []
            return fields.merging(refusal) { _, new in new }
        }
        guard connected else {
            fields["success"] = true
            fields["message"] = text(.plannedOnly)
            fields["execution_results"] = []
            return fields
        }
        if let confirmations = preflight.confirmations {
            let id = await confirmations.hold(plan)
            fields["success"] = true
            fields["plan_id"] = .string(id)
            fields["message"] = text(.planAwaitingConfirmation(id: id, seconds: Int(confirmations.lifetime.components.seconds)))
            fields["execution_results"] = []
            return fields
        }
        return fields.merging(await fly(plan, admitted: admitted, preflighted: report)) { _, new in new }
    }

    /// Flies `plan` (already preflighted: `preflighted` is its report, if
    /// one ran) and says how it went; the report, with what each step did
    /// next to its prediction, becomes the response's `preflight`.
    func fly(_ plan: Plan, admitted: Interruptions.Mark, preflighted report: PreflightReport?) async -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        let watch = report.map { ShadowWatch(report: $0, flight: preflight.flight) }
        guard let run = await executor.run(plan.commands, admitted: admitted, watch: watch) else {
            return failure(.busy).merging(fields) { a, _ in a }
        }
        fields["success"] = .bool(run.success)
        fields["message"] = text(run.success ? .planExecuted(executed: run.executed, total: run.total)
                                 : run.cancellation?.text ?? .planFailed(step: run.results.count, total: run.total))
        fields["execution_results"] = .array(run.results.map { .object($0.fields(language)) })
        if let report, case .object(var summary) = report.json {
            summary.merge(run.shadow.fields) { _, new in new }
            fields["preflight"] = .object(summary)
        }
        return fields
    }

    private func text(_ text: AgentText) -> JSONValue { .string(text.render(language)) }

    private func failure(_ why: AgentText) -> [String: JSONValue] {
        ["success": false, "error": text(why)]
    }
}
