import Foundation

/// Flies a plan on a pure model of the drone, from where the drone is now,
/// on a virtual clock: no I/O, no waiting, the same answer every time. The
/// whole plan is flown (a broken rule does not stop it), so the report
/// names every step that breaks one; after a refused step the drone is
/// where a real one would be (a move while landed does not move it).
package struct ShadowFlight: Sendable {
    package var envelope: FlightEnvelope
    package var model: FlightModel

    package init(envelope: FlightEnvelope, model: FlightModel = FlightModel()) {
        self.envelope = envelope
        self.model = model
    }

    package func fly(_ plan: [ShadowStep], from start: ShadowStart) -> PreflightReport {
        var state = State(position: start.position, yaw: start.yaw, battery: start.battery, flying: start.flying)
        var report = PreflightReport(violations: [], warnings: [], path: [state.sample], durationSeconds: 0, batteryEnd: start.battery)
        for (index, step) in plan.enumerated() {
            if index > 0 { state.elapse(model.stepPause, model) }
            let began = state.elapsed
            if let violation = fly(step, index: index, state: &state, report: &report) {
                report.violations.append(violation)
            }
            report.stepEnds.append(.init(pose: state.sample, seconds: state.elapsed - began))
            if state.flying, state.battery <= model.criticalBattery, !report.violations.contains(where: { $0.rule == .batteryExhausted }) {
                report.violations.append(Violation(step: index, rule: .batteryExhausted,
                    detail: "the battery reaches \(Self.whole(state.battery))% by this step; the drone lands by itself at \(Self.whole(model.criticalBattery))%",
                    numbers: ["battery": state.battery, "critical": model.criticalBattery]))
            }
        }
        if state.flying, let last = plan.indices.last {
            report.warnings.append(Violation(step: last, rule: .endsInAir, detail: "the plan ends with the drone in the air (no land)",
                                             numbers: ["z": state.position.z]))
        }
        report.durationSeconds = state.elapsed
        report.batteryEnd = max(state.battery, 0)
        return report
    }

    /// One step: moves `state`, appends its samples, returns the rule it breaks, if any.
    private func fly(_ step: ShadowStep, index: Int, state: inout State, report: inout PreflightReport) -> Violation? {
        if step.needsFlight, !state.flying {
            return Violation(step: index, rule: .moveWhileLanded, detail: "the drone is on the ground: this step needs it in the air")
        }
        switch step {
        case .takeoff:
            guard !state.flying else {
                return Violation(step: index, rule: .takeoffWhileFlying, detail: "takeoff while the drone is already flying")
            }
            guard state.battery >= model.takeoffMinimumBattery else {
                return Violation(step: index, rule: .batteryExhausted,
                                 detail: "takeoff needs at least \(Self.whole(model.takeoffMinimumBattery))% battery, predicted \(Self.whole(state.battery))%",
                                 numbers: ["battery": state.battery, "required": model.takeoffMinimumBattery])
            }
            state.flying = true
            var top = state.position
            top.z = envelope.surface(under: state.position) + model.takeoffHeight
            return line(to: top, seconds: model.takeoffSeconds, index: index, state: &state, report: &report)
        case .land, .emergency:
            guard state.flying else { return nil }  // the agent answers "not flying" and sends nothing
            var ground = state.position
            ground.z = envelope.surface(under: state.position)
            let seconds = step == .land ? (state.position.z - ground.z) / model.landingSpeed + model.motorSpinDownSeconds : 0
            state.elapse(seconds, model)
            state.position = ground
            state.flying = false
            report.path.append(state.sample)
        case .stop, .read:
            break
        case .move(let body):
            let radians = state.yaw * .pi / 180
            let world = SIMD3(cos(radians) * body.x + sin(radians) * body.y, -sin(radians) * body.x + cos(radians) * body.y, body.z)
            let distance = (body * body).sum().squareRoot()
            return line(to: state.position + world, seconds: model.drone.moveSeconds(distance: distance), index: index, state: &state, report: &report)
        case .rotate(let degrees):
            state.elapse(abs(degrees) / model.yawRate, model)
            state.yaw += degrees
            report.path.append(state.sample)
        case .hover(let seconds):
            state.elapse(seconds, model)
            report.path.append(state.sample)
        case .flip:
            guard state.battery >= model.flipMinimumBattery else {
                return Violation(step: index, rule: .flipLowBattery,
                                 detail: "a flip needs at least \(Self.whole(model.flipMinimumBattery))% battery, predicted \(Self.whole(state.battery))%",
                                 numbers: ["battery": state.battery, "required": model.flipMinimumBattery])
            }
            state.elapse(model.flipSeconds, model)
        }
        return nil
    }

    /// A straight flight to `target`, checked against the envelope; the drone ends at `target`.
    private func line(to target: SIMD3<Double>, seconds: Double, index: Int, state: inout State,
                      report: inout PreflightReport) -> Violation? {
        let from = state.position
        state.elapse(seconds, model)
        state.position = target
        report.path.append(state.sample)
        let numbers = ["x": target.x, "y": target.y, "z": target.z]
        if let hit = envelope.firstKeepOut(from: from, to: target) {
            let at = from + (target - from) * hit.fraction
            return Violation(step: index, rule: .hitsObstacle, detail: "the path touches \(hit.name)",
                             numbers: ["x": at.x, "y": at.y, "z": at.z])
        }
        if !envelope.insideFloorPlan(target) {
            return Violation(step: index, rule: .leavesEnvelope, detail: "the drone would end outside the flight area", numbers: numbers)
        }
        if target.z + FlightEnvelope.droneHeight > envelope.ceiling {
            return Violation(step: index, rule: .aboveCeiling,
                             detail: "the drone's top would reach \(Self.whole(target.z + FlightEnvelope.droneHeight)) cm, above the \(Self.whole(envelope.ceiling)) cm ceiling",
                             numbers: ["z": target.z, "top": target.z + FlightEnvelope.droneHeight, "ceiling": envelope.ceiling])
        }
        let lowest = envelope.surface(under: target) + envelope.minimumHeight
        if target.z < lowest - 1e-6 {
            return Violation(step: index, rule: .belowMinimumHeight,
                             detail: "the drone would be \(Self.whole(target.z)) cm up, below the \(Self.whole(lowest)) cm minimum",
                             numbers: ["z": target.z, "minimum": lowest])
        }
        return nil
    }

    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }

    /// The drone as the shadow flight moves it.
    struct State {
        var position: SIMD3<Double>
        var yaw: Double
        var battery: Double
        var flying: Bool
        var elapsed = 0.0

        var sample: PreflightReport.Sample { .init(position: position, yaw: yaw, flying: flying) }

        mutating func elapse(_ seconds: Double, _ model: FlightModel) {
            elapsed += seconds
            battery -= (flying ? model.flightDrain : model.idleDrain) * seconds
        }
    }
}
