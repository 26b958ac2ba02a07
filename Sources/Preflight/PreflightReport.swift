import JSONValue

/// A plan's rule a shadow flight found broken, at which step, with the numbers.
package struct Violation: Sendable, Equatable {
    package enum Rule: String, Sendable, Equatable, CaseIterable {
        case leavesEnvelope = "leaves_envelope"
        case aboveCeiling = "above_ceiling"
        case belowMinimumHeight = "below_minimum_height"
        case hitsObstacle = "hits_obstacle"
        case flipLowBattery = "flip_low_battery"
        case takeoffWhileFlying = "takeoff_while_flying"
        case moveWhileLanded = "move_while_landed"
        case batteryExhausted = "battery_exhausted"
        /// A warning, never a refusal: the plan leaves the drone in the air.
        case endsInAir = "ends_in_air"
    }

    /// 0-based index into the plan.
    package var step: Int
    package var rule: Rule
    /// One line in English for logs and the response's `detail`.
    package var detail: String
    /// The rule's numbers (`z`, `ceiling`, `battery`, ...), rounded to 0.1.
    package var numbers: [String: Double]

    package init(step: Int, rule: Rule, detail: String, numbers: [String: Double] = [:]) {
        self.step = step
        self.rule = rule
        self.detail = detail
        self.numbers = numbers.mapValues(PreflightReport.tenth)
    }

    package var json: JSONValue {
        var object: [String: JSONValue] = ["step": .number(Double(step)), "rule": .string(rule.rawValue), "detail": .string(detail)]
        for (key, value) in numbers { object[key] = .number(value) }
        return .object(object)
    }
}

/// What a shadow flight predicts for a plan: the path, how long it takes,
/// the battery at the end, and the rules it breaks.
package struct PreflightReport: Sendable, Equatable {
    package struct Sample: Sendable, Equatable {
        package var position: SIMD3<Double>
        package var yaw: Double
        package var flying: Bool
    }

    /// Where each step leaves the drone and how long the step itself takes
    /// (without the pause before it): what the flight is compared with.
    package struct StepEnd: Sendable, Equatable {
        package var pose: Sample
        package var seconds: Double
    }

    package var violations: [Violation]
    package var warnings: [Violation]
    /// The pose at the start and after each part of each step.
    package var path: [Sample]
    package var durationSeconds: Double
    package var batteryEnd: Double
    /// One per step of the plan, in order.
    package var stepEnds: [StepEnd] = []

    package var ok: Bool { violations.isEmpty }
    package var final: Sample { path[path.count - 1] }

    /// The response's `preflight` object (docs/agent.md, "Preflight").
    package var json: JSONValue {
        [
            "ok": .bool(ok),
            "violations": .array(violations.map(\.json)),
            "warnings": .array(warnings.map(\.json)),
            "predicted": [
                "path": .array(path.map { sample in
                    .array([sample.position.x, sample.position.y, sample.position.z, sample.yaw].map { .number(Self.tenth($0)) })
                }),
                "duration_s": .number(Self.tenth(durationSeconds)),
                "battery_end": .number(Self.tenth(batteryEnd)),
                "final": [
                    "x": .number(Self.tenth(final.position.x)), "y": .number(Self.tenth(final.position.y)),
                    "z": .number(Self.tenth(final.position.z)), "yaw": .number(Self.tenth(final.yaw)),
                    "flying": .bool(final.flying),
                ],
            ],
        ]
    }

    package static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
