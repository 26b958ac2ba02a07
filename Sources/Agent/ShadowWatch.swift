import JSONValue
import Preflight

/// The preflight's prediction a plan flies against: after each step the
/// executor compares the drone's state with the step's predicted end
/// (`Executor+Shadow`). A plan flown without a preflight has none.
package struct ShadowWatch: Sendable {
    package var report: PreflightReport
    package var flight: ShadowFlight
    package var thresholds: DivergenceThresholds

    package init(report: PreflightReport, flight: ShadowFlight, thresholds: DivergenceThresholds = DivergenceThresholds()) {
        self.report = report
        self.flight = flight
        self.thresholds = thresholds
    }

    /// Step `index`'s predicted end, its heading moved into the drone's own
    /// yaw frame (where the state stream's yaw was `startYaw` when the plan began).
    func predicted(_ index: Int, startYaw: Double) -> StepPose? {
        guard report.stepEnds.indices.contains(index), let first = report.path.first else { return nil }
        let end = report.stepEnds[index]
        return StepPose(height: end.pose.position.z, yaw: startYaw + end.pose.yaw - first.yaw, seconds: end.seconds)
    }
}

/// What a plan's steps did next to their prediction.
package struct ShadowObservations: Sendable, Equatable {
    package struct Step: Sendable, Equatable {
        package var index: Int
        package var predicted: StepPose
        package var observed: StepPose
        /// Whether height and yaw were read from a fresh state line (otherwise they are the prediction's).
        package var measured: Bool
    }

    package var steps: [Step] = []
    package var divergences: [Divergence] = []

    /// Added to the response's `preflight` object.
    package var fields: [String: JSONValue] {
        ["observed": .array(steps.map { step in
            var entry = StepPose.json(step: step.index, predicted: step.predicted, observed: step.observed)
            if !step.measured { entry["observed"] = ["duration_s": entry["observed"]?["duration_s"] ?? .null] }
            return entry
         }),
         "divergences": .array(divergences.map(\.json))]
    }
}
