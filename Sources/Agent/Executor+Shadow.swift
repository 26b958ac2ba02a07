import JSONValue
import Preflight

/// Shadow mode in flight: the model flew the plan before it started; after
/// each step the drone's own state is held against the step's predicted end.
extension Executor {
    /// The drone's state at the end of step `index`, which took `seconds`,
    /// compared with `watch`'s prediction; each divergence is broadcast as a
    /// `divergence` event and logged once, naming the step.
    func observe(step index: Int, of total: Int, seconds: Double, startYaw: Double, watch: ShadowWatch,
                 into observations: inout ShadowObservations) async {
        guard let predicted = watch.predicted(index, startYaw: startYaw) else { return }
        // Without a fresh state line (the stream stalled) only the duration is known.
        let measured = await drone.measuredEnd(in: watch.flight.envelope, model: watch.flight.model)
        let observed = StepPose(height: measured?.height ?? predicted.height, yaw: measured?.yaw ?? predicted.yaw, seconds: seconds)
        observations.steps.append(.init(index: index, predicted: predicted, observed: observed, measured: measured != nil))
        for divergence in Divergence.compare(step: index, predicted: predicted, observed: observed, thresholds: watch.thresholds) {
            observations.divergences.append(divergence)
            logger.warning("plan diverges from its preflight", ("step", index + 1), ("total", total),
                           ("quantity", divergence.quantity.rawValue), ("predicted", PreflightReport.tenth(divergence.predicted)),
                           ("observed", PreflightReport.tenth(divergence.observed)),
                           ("threshold", PreflightReport.tenth(divergence.threshold)))
            await broadcast(["type": "divergence", "data": divergence.json])
        }
    }
}
