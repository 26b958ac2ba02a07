import DroneVocabulary
import JSONValue
import Preflight
import Testing

/// The shadow flight's per-step prediction and the comparison a flying plan
/// is held to: within the thresholds nothing, beyond them one divergence per
/// quantity, with the numbers.
@Suite struct DivergenceTests {
    let room = FlightEnvelope(floorPlan: .box(minX: -200, maxX: 200, minY: -200, maxY: 200), ceiling: 250)

    @Test func eachStepEndsWhereAndWhenTheModelSays() {
        let plan: [ShadowStep] = [.takeoff, .move(SIMD3(0, 0, 50)), .rotate(-90), .hover(seconds: 3), .flip, .land]
        let report = ShadowFlight(envelope: room).fly(plan, from: ShadowStart(position: .zero, yaw: 0, battery: 100, flying: false))
        #expect(report.stepEnds.count == plan.count)
        let ends = report.stepEnds.map { [$0.pose.position.z, $0.pose.yaw, $0.seconds] }
        // Takeoff 5 s to 100 cm, up 50 in 0.5 s, ccw 90 in 1 s, hover 3 s, flip 1.5 s, land 150/50 + 1 = 4 s.
        #expect(ends == [[100, 0, 5], [150, 0, 0.5], [150, -90, 1], [150, -90, 3], [150, -90, 1.5], [0, -90, 4]])
        #expect(report.stepEnds.last?.pose.flying == false && report.stepEnds.first?.pose.flying == true)
        // The pauses between steps are not part of any step.
        #expect(abs(report.durationSeconds - (ends.map { $0[2] }.reduce(0, +) + 5 * 2)) < 1e-9)
    }

    @Test func withinTheThresholdsNothingDiverges() {
        let predicted = StepPose(height: 150, yaw: 90, seconds: 0.5)
        let close = StepPose(height: 175, yaw: 100, seconds: 3.9)  // 25 cm, 10°, under 2 × 0.5 + 3 s
        #expect(Divergence.compare(step: 1, predicted: predicted, observed: close).isEmpty)
        // Headings compare around the circle: 179° and -179° are 2° apart.
        #expect(Divergence.compare(step: 0, predicted: StepPose(height: 0, yaw: 179, seconds: 1),
                                   observed: StepPose(height: 0, yaw: -179, seconds: 1)).isEmpty)
        // Faster than predicted is not a divergence.
        #expect(Divergence.compare(step: 0, predicted: StepPose(height: 100, yaw: 0, seconds: 5),
                                   observed: StepPose(height: 100, yaw: 0, seconds: 0.1)).isEmpty)
    }

    @Test func beyondThemEachQuantityIsNamedWithItsNumbers() throws {
        let predicted = StepPose(height: 150, yaw: 90, seconds: 0.5)
        let stayedLow = Divergence.compare(step: 1, predicted: predicted, observed: StepPose(height: 100, yaw: 90, seconds: 0.1))
        #expect(stayedLow == [Divergence(step: 1, quantity: .height, predicted: 150, observed: 100, threshold: 30)])
        let all = Divergence.compare(step: 2, predicted: predicted, observed: StepPose(height: 110, yaw: 60, seconds: 4.5))
        try #require(all.map(\.quantity) == [.height, .yaw, .duration])
        #expect(all[1].predicted == 90 && all[1].observed == 60 && all[1].threshold == 15)
        #expect(all[2].predicted == 0.5 && all[2].observed == 4.5 && all[2].threshold == 4)
        #expect(all[0].json == ["step": 2, "quantity": "height", "predicted": 150, "observed": 110, "threshold": 30])
    }

    @Test func theThresholdsAreTheDocumentedOnes() {
        let thresholds = DivergenceThresholds()
        #expect(thresholds.height == 30 && thresholds.yaw == 15)
        #expect(thresholds.durationLimit(5) == 13)
    }

    @Test func wrappingKeepsAHeadingWithinHalfATurn() {
        #expect([350, -190, 180, -180, 540, 0].map(Divergence.wrap) == [-10, 170, 180, 180, 180, 0])
    }
}
