import JSONValue
import Planner
import Preflight
import TelloSDK

/// The preflight's place in a request: between checking what was asked and
/// anything reaching the drone. A report joins the response as `preflight`;
/// under `enforce` a broken rule is the response's `error`.
extension RequestRouter {
    /// The response fields of a plan's refusal, or nil if it may fly.
    func preflightRefusal(_ report: PreflightReport?, total: Int) -> [String: JSONValue]? {
        guard let report, preflight.refuses(report), let first = report.violations.first else { return nil }
        logger.warning("plan refused by preflight", ("step", first.step + 1), ("total", total),
                       ("rule", first.rule.rawValue), ("detail", first.detail))
        let why = AgentText.preflightRefused(step: first.step + 1, total: total, rule: first.rule.rawValue, detail: first.detail)
        return ["success": false, "error": .string(why.render(language)), "preflight": report.json]
    }

    /// One `drone_command`: preflighted when it flies and the drone is
    /// connected (otherwise the drone's own answer stands), then `fly`.
    func preflighted(_ action: CheckedAction, fly: () async -> [String: JSONValue]) async -> [String: JSONValue] {
        guard let step = ShadowStep(action), await drone.isConnected,
              let report = await preflight.check([step], drone: drone) else { return await fly() }
        if let refusal = preflightRefusal(report, total: 1) { return refusal }
        var fields = await fly()
        fields["preflight"] = report.json
        return fields
    }

    /// `confirm_plan`: flies a plan held by `--confirm-plans`, preflighted
    /// again from the drone's state now (it may have moved since the preview).
    func confirmPlan(_ request: AgentRequest, admitted: Interruptions.Mark) async -> [String: JSONValue] {
        func failure(_ why: AgentText) -> [String: JSONValue] { ["success": false, "error": .string(why.render(language))] }
        guard let id = request.data["plan_id"]?.stringValue, !id.isEmpty else { return failure(.missingPlanID) }
        guard let confirmations = preflight.confirmations, let plan = await confirmations.take(id) else {
            return failure(.planNotPending(id))
        }
        guard await drone.isConnected else { return failure(.droneNotConnected) }
        var fields: [String: JSONValue] = ["plan_id": .string(id)]
        let report = await preflight.check(shadowSteps(plan), drone: drone)
        fields["preflight"] = report?.json
        if let refusal = preflightRefusal(report, total: plan.commands.count) {
            fields["execution_results"] = []
            return fields.merging(refusal) { _, new in new }
        }
        logger.info("plan confirmed", ("plan_id", id), ("steps", plan.commands.count))
        return fields.merging(await fly(plan, admitted: admitted, preflighted: report)) { _, new in new }
    }

    func shadowSteps(_ plan: Plan) -> [ShadowStep] {
        plan.commands.map { ShadowStep($0.action, amount: $0.amount) }
    }
}

extension ShadowStep {
    /// The step a checked `drone_command` flies; nil for what does not move
    /// the drone or is never refused (reads, `emergency`, `stop`, refusals).
    init?(_ action: CheckedAction) {
        switch action {
        case .takeoff: self = .takeoff
        case .land: self = .land
        case .hover(let seconds, _): self = .hover(seconds: seconds)
        case .move(let command, _):
            switch command.command {
            case let .move(direction, centimetres):
                let d = Double(centimetres)
                self = switch direction {
                case .forward: .move(SIMD3(d, 0, 0))
                case .back: .move(SIMD3(-d, 0, 0))
                case .left: .move(SIMD3(0, d, 0))
                case .right: .move(SIMD3(0, -d, 0))
                case .up: .move(SIMD3(0, 0, d))
                case .down: .move(SIMD3(0, 0, -d))
                }
            case let .rotate(direction, degrees): self = .rotate(direction == .clockwise ? Double(degrees) : -Double(degrees))
            default: return nil
            }
        case .emergency, .stop, .readBattery, .readStatus, .refused: return nil
        }
    }
}
