import BoxGeometry
import Testing

@Suite struct SegmentEntryTests {
    let low = SIMD3<Double>(0, 0, 0)
    let high = SIMD3<Double>(10, 10, 10)

    @Test func aSegmentThroughTheBoxEntersWhereItCrossesTheNearFace() {
        #expect(SegmentEntry.fraction(from: SIMD3(-10, 5, 5), to: SIMD3(10, 5, 5), low: low, high: high) == 0.5)
        #expect(SegmentEntry.fraction(from: SIMD3(5, 5, 20), to: SIMD3(5, 5, 0), low: low, high: high) == 0.5)
    }

    @Test func aSegmentThatStopsShortOrPassesBesideNeverEnters() {
        #expect(SegmentEntry.fraction(from: SIMD3(-10, 5, 5), to: SIMD3(-1, 5, 5), low: low, high: high) == nil)
        #expect(SegmentEntry.fraction(from: SIMD3(-10, 15, 5), to: SIMD3(20, 15, 5), low: low, high: high) == nil)
    }

    @Test func aSegmentAlongAFaceOrAwayFromItDoesNotEnter() {
        #expect(SegmentEntry.fraction(from: SIMD3(0, 5, 5), to: SIMD3(0, 8, 5), low: low, high: high) == nil, "along the face x = 0")
        #expect(SegmentEntry.fraction(from: SIMD3(10, 5, 5), to: SIMD3(20, 5, 5), low: low, high: high) == nil, "away from x = 10")
    }
}
