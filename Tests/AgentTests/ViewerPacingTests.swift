@testable import Agent
import Testing

@Suite struct ViewerPacingTests {
    @Test func aNewcomerCatchesUpFromTheCacheThenGoesLive() {
        var pacing = ViewerPacing()
        #expect(pacing.step(keyframe: false, cacheReady: true) == .catchUp)
        pacing.record(taken: true, pictures: 4)
        #expect(pacing.phase == .live && pacing.delivered == 4)
        #expect(pacing.step(keyframe: false, cacheReady: true) == .send)
    }

    @Test func aNewcomerWithNothingCachedWaitsForAKeyFrame() {
        var pacing = ViewerPacing()
        #expect(pacing.step(keyframe: false, cacheReady: false) == .skip)
        #expect(pacing.step(keyframe: false, cacheReady: false) == .skip)
        #expect(pacing.step(keyframe: true, cacheReady: true) == .send)
        pacing.record(taken: true)
        #expect(pacing.phase == .live && pacing.dropped == 2)
    }

    @Test func aViewerThatMissedAPictureGetsNothingUntilTheNextKeyFrame() {
        var pacing = ViewerPacing()
        _ = pacing.step(keyframe: true, cacheReady: true)
        pacing.record(taken: true)
        #expect(pacing.step(keyframe: false, cacheReady: true) == .send)
        pacing.record(taken: false)
        #expect(pacing.phase == .waitingForKeyframe)
        #expect(pacing.step(keyframe: false, cacheReady: true) == .skip)
        #expect(pacing.step(keyframe: true, cacheReady: true) == .send)
        pacing.record(taken: false)  // still no room: it keeps waiting
        #expect(pacing.step(keyframe: false, cacheReady: true) == .skip)
        #expect(pacing.step(keyframe: true, cacheReady: true) == .send)
        pacing.record(taken: true)
        #expect(pacing.phase == .live && pacing.dropped == 4 && pacing.delivered == 2)
    }
}
