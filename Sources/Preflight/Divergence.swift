import JSONValue

/// How far the flown drone may stray from the shadow flight's prediction at
/// the end of a step before clients are told (docs/agent.md, "Preflight").
///
/// Height 30 cm: the state stream comes about ten times a second, so the
/// reading just after a move's `ok` can lag the end of the move by up to a
/// tenth of a second (10 cm at the default speed), and the time-of-flight
/// sensor and a real drone's hold wander by ±10 cm; 30 cm is beyond both and
/// well under a 50 cm move that did not happen. Yaw 15°: a real drone's
/// turn ends within a few degrees, 15 is well beyond that and well under the
/// smallest turn a plan usually asks for. Duration twice the prediction plus
/// 3 s: a real drone takes its time (takeoff and landing vary by seconds, a
/// reply travels over Wi-Fi), only a step that took far longer says the
/// drone was not doing what the model did (fighting wind, retried, stuck).
package struct DivergenceThresholds: Sendable, Equatable {
    package var height = 30.0
    package var yaw = 15.0
    package var durationFactor = 2.0
    package var durationSlack = 3.0

    package init() {}

    /// The longest a step predicted to take `predicted` seconds may take.
    package func durationLimit(_ predicted: Double) -> Double { predicted * durationFactor + durationSlack }
}

/// One step's end, as predicted or as observed: the drone's underside above
/// the floor (cm, envelope frame), its heading (degrees clockwise, the
/// drone's own frame) and how long the step took (s).
package struct StepPose: Sendable, Equatable {
    package var height: Double
    package var yaw: Double
    package var seconds: Double

    package init(height: Double, yaw: Double, seconds: Double) {
        self.height = height
        self.yaw = yaw
        self.seconds = seconds
    }
}

/// A step whose end strayed from the prediction beyond a threshold.
package struct Divergence: Sendable, Equatable {
    package enum Quantity: String, Sendable, Equatable, CaseIterable {
        case height, yaw, duration
    }

    /// 0-based index into the plan, as in `Violation`.
    package var step: Int
    package var quantity: Quantity
    package var predicted: Double
    package var observed: Double
    /// The limit crossed: the largest allowed difference (height, yaw) or the longest allowed time (duration).
    package var threshold: Double

    package init(step: Int, quantity: Quantity, predicted: Double, observed: Double, threshold: Double) {
        self.step = step
        self.quantity = quantity
        self.predicted = predicted
        self.observed = observed
        self.threshold = threshold
    }

    /// The differences between `predicted` and `observed` beyond `thresholds`, in the order height, yaw, duration.
    /// Only a step that took longer diverges in time: a drone is never faster than its model by much.
    package static func compare(step: Int, predicted: StepPose, observed: StepPose,
                                thresholds: DivergenceThresholds = DivergenceThresholds()) -> [Divergence] {
        var found: [Divergence] = []
        if abs(observed.height - predicted.height) > thresholds.height {
            found.append(Divergence(step: step, quantity: .height, predicted: predicted.height, observed: observed.height,
                                    threshold: thresholds.height))
        }
        if abs(wrap(observed.yaw - predicted.yaw)) > thresholds.yaw {
            found.append(Divergence(step: step, quantity: .yaw, predicted: wrap(predicted.yaw), observed: wrap(observed.yaw),
                                    threshold: thresholds.yaw))
        }
        let limit = thresholds.durationLimit(predicted.seconds)
        if observed.seconds > limit {
            found.append(Divergence(step: step, quantity: .duration, predicted: predicted.seconds, observed: observed.seconds,
                                    threshold: limit))
        }
        return found
    }

    /// An angle in (-180, 180]: 350° and -10° are the same heading.
    package static func wrap(_ degrees: Double) -> Double {
        let turned = (degrees + 180).truncatingRemainder(dividingBy: 360)
        return (turned <= 0 ? turned + 360 : turned) - 180
    }

    /// The event's `data` and an entry of the response's `preflight.divergences`.
    package var json: JSONValue {
        ["step": .number(Double(step)), "quantity": .string(quantity.rawValue),
         "predicted": .number(PreflightReport.tenth(predicted)), "observed": .number(PreflightReport.tenth(observed)),
         "threshold": .number(PreflightReport.tenth(threshold))]
    }
}

extension StepPose {
    /// An entry of the response's `preflight.observed`: what the step did next to what was predicted.
    package static func json(step: Int, predicted: StepPose, observed: StepPose) -> JSONValue {
        func numbers(_ pose: StepPose) -> JSONValue {
            ["height": .number(PreflightReport.tenth(pose.height)), "yaw": .number(PreflightReport.tenth(Divergence.wrap(pose.yaw))),
             "duration_s": .number(PreflightReport.tenth(pose.seconds))]
        }
        return ["step": .number(Double(step)), "predicted": numbers(predicted), "observed": numbers(observed)]
    }
}
