@testable import Agent
import Clocks
import Foundation
import H264
import Testing

/// A viewer whose room the test decides; it keeps what it took.
private final class FakeViewer: VideoViewer, @unchecked Sendable {
    // @unchecked Sendable: the fields are only touched under `lock`.
    private let lock = NSLock()
    private var roomy: Bool
    private var isGone = false
    private var kept: [RelayedFrame] = []
    let holdsStream = true

    init(roomy: Bool = true) { self.roomy = roomy }

    func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer {
        lock.withLock {
            if isGone { return .gone }
            guard roomy else { return .skipped }
            kept.append(frame)
            return .taken
        }
    }

    func set(roomy: Bool) { lock.withLock { self.roomy = roomy } }
    func finish() { leave() }
    func leave() { lock.withLock { isGone = true } }
    var frames: [RelayedFrame] { lock.withLock { kept } }
    var sequences: [UInt32] { frames.map(\.header.sequence) }
}

@Suite struct VideoRelayTests {
    /// A group of pictures: a key frame with its parameter sets, then `length - 1` others.
    static func group(length: Int) -> [[UInt8]] {
        let key = AccessUnitAssemblerTests.picture([7, 8, 5]).flatMap { $0 }
        return [key] + (1..<length).map { _ in AccessUnitAssemblerTests.picture([1]).flatMap { $0 } }
    }

    static func feed(_ relay: VideoRelay, _ pictures: [[UInt8]], at arrival: Duration = .zero) async {
        for picture in pictures { await relay.ingest(picture, at: arrival) }
    }

    @Test func aSlowViewerLosesPicturesUntilAKeyFrameWhileOthersGetEveryOne() async {
        let relay = VideoRelay(time: VirtualTime())
        let fast = FakeViewer(), slow = FakeViewer()
        relay.add(fast, key: "fast")
        relay.add(slow, key: "slow")
        await Self.feed(relay, Self.group(length: 3))  // pictures 1-3
        slow.set(roomy: false)
        await Self.feed(relay, Array(Self.group(length: 3).dropFirst()))  // 4, 5: no room
        slow.set(roomy: true)
        await Self.feed(relay, Array(Self.group(length: 3).dropFirst()))  // 6, 7: room, but no key frame yet
        await Self.feed(relay, Self.group(length: 2))  // 8 (key), 9
        #expect(fast.sequences == Array(1...9))
        #expect(slow.sequences == [1, 2, 3, 8, 9])
        #expect(relay.statistics.viewers["slow"] == ViewerFigures(delivered: 5, dropped: 4))
    }

    @Test func aNewcomerGetsTheLastKeyFrameAndThePicturesSinceThenLivePictures() async throws {
        let relay = VideoRelay(time: VirtualTime())
        await Self.feed(relay, Self.group(length: 4))  // 1 (key) ... 4, nobody watching
        let late = FakeViewer()
        relay.add(late, key: "late")
        await Self.feed(relay, Array(Self.group(length: 3).dropFirst()))  // 5, 6
        #expect(late.sequences == [1, 2, 3, 4, 5, 6])
        #expect(late.frames.first?.unit.isKeyframe == true)
        #expect(late.frames.prefix(4).allSatisfy { $0.header.flags.contains(.catchUp) })
        #expect(late.frames.suffix(2).allSatisfy { !$0.header.flags.contains(.catchUp) })
    }

    @Test func aKeyFrameWithoutParameterSetsGetsTheLastOnesInFront() async throws {
        let relay = VideoRelay(time: VirtualTime())
        await Self.feed(relay, Self.group(length: 2))
        let bareKey = AccessUnitAssemblerTests.picture([5]).flatMap { $0 }
        await Self.feed(relay, [bareKey])
        let viewer = FakeViewer()
        relay.add(viewer, key: "v")
        await Self.feed(relay, [AccessUnitAssemblerTests.picture([1]).flatMap { $0 }])
        let first = try #require(viewer.frames.first)
        let sets = AccessUnitAssemblerTests.picture([7, 8]).flatMap { $0 }
        #expect(first.unit.bytes == sets + bareKey)
    }

    @Test func afterTheStreamStopsEveryViewerWaitsForAKeyFrame() async {
        let relay = VideoRelay(time: VirtualTime())
        let viewer = FakeViewer()
        relay.add(viewer, key: "v")
        await Self.feed(relay, Self.group(length: 2))  // 1, 2: live
        relay.streamStopped()
        // The drone resumes its stream mid-group: those pictures refer to ones this viewer never got.
        await Self.feed(relay, Array(Self.group(length: 3).dropFirst()))  // 3, 4
        await Self.feed(relay, Self.group(length: 1))  // 5 (key)
        #expect(viewer.sequences == [1, 2, 5])
    }

    @Test func aSilenceInTheStreamMakesEveryViewerWaitForAKeyFrame() async {
        let relay = VideoRelay(time: VirtualTime())
        let viewer = FakeViewer()
        relay.add(viewer, key: "v")
        await Self.feed(relay, Self.group(length: 2), at: .seconds(1))  // 1, 2
        // Nobody said the stream stopped (the drone reconnected, the link was down): two seconds of silence.
        await Self.feed(relay, Array(Self.group(length: 3).dropFirst()), at: .seconds(3))  // 3, 4
        await Self.feed(relay, Self.group(length: 1), at: .seconds(3))  // 5 (key)
        #expect(viewer.sequences == [1, 2, 5])
    }

    @Test func aViewerThatIsGoneIsForgotten() async {
        let relay = VideoRelay(time: VirtualTime())
        let viewer = FakeViewer()
        relay.add(viewer, key: "v")
        await Self.feed(relay, Self.group(length: 2))
        viewer.leave()
        await Self.feed(relay, Self.group(length: 1))
        #expect(!relay.contains(key: "v"))
        #expect(relay.streamHolders == 0)
    }

    @Test func theHeaderCarriesTheCaptureTimeWhenTheSEIIsOnTheRelaysClock() async throws {
        let time = VirtualTime()
        time.advance(by: .seconds(100))
        let relay = VideoRelay(time: time, wallClock: { 1_000_000_000 })
        let viewer = FakeViewer()
        relay.add(viewer, key: "v")
        let sei = CaptureTimeSEI.unit(captureTime: .seconds(100) - .milliseconds(40), frameIndex: 0).annexB
        await relay.ingest(sei + Self.group(length: 1)[0], at: .seconds(100))
        // A capture time from another clock (an hour "ahead") is not believed: arrival time instead.
        let foreign = CaptureTimeSEI.unit(captureTime: .seconds(3700), frameIndex: 1).annexB
        await relay.ingest(foreign + AccessUnitAssemblerTests.picture([1]).flatMap { $0 }, at: .seconds(100))
        let headers = viewer.frames.map(\.header)
        #expect(headers.first?.flags == [.keyframe, .captureTime])
        #expect(headers.first?.timeMicros == Int64(999_960_000))
        #expect(headers.last?.flags == [])
        #expect(headers.last?.timeMicros == 1_000_000_000 && headers.last?.arrivalMicros == 1_000_000_000)
    }
}
