import Clocks
import FlightRecord
import Foundation
import Logs
import Synchronization

/// The drone's video, passed on without transcoding: datagrams in, whole
/// pictures out to every viewer that asked, each at its own pace.
///
/// One task feeds it (`ingest`, in arrival order) and it offers every
/// picture to each viewer from that task, so each viewer sees pictures in
/// order. A viewer's offer only queues bytes (it never waits for a socket),
/// and a viewer whose queue is over `viewerBudget` loses pictures until the
/// next key frame (`ViewerPacing`): a slow viewer never holds up the others
/// and costs at most its budget. A newcomer first gets the last key frame
/// and the pictures since (`KeyframeCache`), so it can decode at once.
package final class VideoRelay: Sendable {
    package struct Configuration: Sendable {
        /// Bytes a viewer may have waiting before it loses pictures: a few key frames.
        package var viewerBudget = 1024 * 1024
        package var maxDatagram = 1460
        /// A silence this long means the stream stopped (turned off, drone reconnected, link lost):
        /// what follows may refer to pictures nobody got, so every viewer waits for a key frame.
        package var streamGap: Duration = .seconds(1)
        /// Pictures the latency figures are kept for (the most recent ones).
        package var latencySamples = 4096
        package init() {}
    }

    private struct Entry {
        let viewer: any VideoViewer
        var pacing = ViewerPacing()
    }

    private struct State {
        var assembler: AccessUnitAssembler
        var cache = KeyframeCache()
        var viewers: [String: Entry] = [:]
        var sequence: UInt32 = 0
        var lastArrival: Duration?
        var statistics = VideoRelayStatistics()
    }

    let configuration: Configuration
    let time: any TimeSource
    /// Microseconds since the Unix epoch: the header's times, which a page compares with its own clock.
    let wallClock: @Sendable () -> Int64
    let logger: Logger
    /// Each picture's size and kind are recorded here (`tello-agent --record`), never its bytes.
    let recorder: (any RecordSink)?
    private let state: Mutex<State>

    package init(configuration: Configuration = .init(), time: any TimeSource,
                wallClock: @escaping @Sendable () -> Int64 = VideoRelay.unixMicroseconds,
                logger: Logger = Logger(component: "video", minimumLevel: .warning), recorder: (any RecordSink)? = nil) {
        self.recorder = recorder
        self.configuration = configuration
        self.time = time
        self.wallClock = wallClock
        self.logger = logger
        state = Mutex(State(assembler: AccessUnitAssembler(maxDatagram: configuration.maxDatagram)))
    }

    package static let unixMicroseconds: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    /// Adds a viewer under `key`; a viewer already there keeps its place in the stream.
    package func add(_ viewer: any VideoViewer, key: String) {
        state.withLock { state in
            if state.viewers[key] == nil { state.viewers[key] = Entry(viewer: viewer) }
        }
    }

    /// Removes the viewer under `key`; returns whether it was there, and how many viewers still hold the stream.
    @discardableResult
    package func remove(key: String) -> (removed: Bool, streamHolders: Int) {
        state.withLock { state in
            let removed = state.viewers.removeValue(forKey: key) != nil
            return (removed, state.viewers.values.count { $0.viewer.holdsStream })
        }
    }

    /// Removes every viewer and tells each to stop waiting (shutdown).
    package func finishAll() {
        let viewers = state.withLock { state in
            defer { state.viewers.removeAll() }
            return state.viewers.values.map(\.viewer)
        }
        for viewer in viewers { viewer.finish() }
    }

    package func contains(key: String) -> Bool { state.withLock { $0.viewers[key] != nil } }

    package var streamHolders: Int { state.withLock { $0.viewers.values.count { $0.viewer.holdsStream } } }

    /// The drone stopped streaming: what is buffered or cached is stale, and
    /// every viewer waits for a key frame (a stream resumes where it stopped, mid-group).
    package func streamStopped() {
        state.withLock { Self.restart(&$0, configuration) }
    }

    private static func restart(_ state: inout State, _ configuration: Configuration) {
        state.cache.clear()
        state.assembler = AccessUnitAssembler(maxDatagram: configuration.maxDatagram)
        for key in state.viewers.keys { state.viewers[key]?.pacing.streamStopped() }
    }

    package var statistics: VideoRelayStatistics {
        state.withLock { state in
            var figures = state.statistics
            figures.discardedBytes = state.assembler.discardedBytes
            figures.viewers = state.viewers.mapValues { ViewerFigures(delivered: $0.pacing.delivered, dropped: $0.pacing.dropped) }
            return figures
        }
    }

    /// One datagram of the drone's video, received at `arrival` (the relay's clock).
    /// Call from one task only, in arrival order.
    package func ingest(_ datagram: [UInt8], at arrival: Duration) async {
        let arrivalWall = wallClock()
        let units = state.withLock { state in
            if let last = state.lastArrival, arrival - last > configuration.streamGap { Self.restart(&state, configuration) }
            state.lastArrival = arrival
            return state.assembler.append(datagram, at: arrival)
        }
        for unit in units { await relay(unit, arrivalWall: arrivalWall) }
    }

    private func relay(_ unit: AccessUnit, arrivalWall: Int64) async {
        recorder?.record(.video(bytes: unit.bytes.count, keyframe: unit.isKeyframe))
        let work: [(key: String, viewer: any VideoViewer, frames: [RelayedFrame])] = state.withLock { state in
            state.sequence &+= 1
            let frame = RelayedFrame(unit: unit, header: header(for: unit, sequence: state.sequence, arrivalWall: arrivalWall))
            state.cache.add(frame)
            state.statistics.pictures += 1
            state.statistics.bytes += unit.bytes.count
            if unit.isKeyframe { state.statistics.keyframes += 1 }
            let cacheReady = state.cache.pictures.last === frame
            var work: [(key: String, viewer: any VideoViewer, frames: [RelayedFrame])] = []
            for key in state.viewers.keys {
                switch state.viewers[key]!.pacing.step(keyframe: unit.isKeyframe, cacheReady: cacheReady) {
                case .skip: continue
                case .send:
                    let first = unit.isKeyframe && !state.cache.startsWithParameterSets
                        ? frame.withPrefix(state.cache.parameterSets, catchUp: false) : frame
                    work.append((key, state.viewers[key]!.viewer, [first]))
                case .catchUp:
                    work.append((key, state.viewers[key]!.viewer, catchUp(state.cache)))
                }
            }
            return work
        }
        guard !work.isEmpty else { return }
        var outcomes: [(key: String, offer: VideoOffer, count: Int)] = []
        for item in work {
            var offer = VideoOffer.taken
            for frame in item.frames where offer == .taken {
                offer = await item.viewer.offer(frame, budget: configuration.viewerBudget)
            }
            outcomes.append((item.key, offer, item.frames.count))
        }
        let added = time.now - unit.arrival
        let behind = state.withLock { state -> [(key: String, dropped: Int)] in
            state.statistics.record(latency: added, limit: configuration.latencySamples)
            var behind: [(key: String, dropped: Int)] = []
            for outcome in outcomes {
                if outcome.offer == .gone {
                    state.viewers[outcome.key] = nil
                } else if let entry = state.viewers[outcome.key] {
                    var pacing = entry.pacing
                    pacing.record(taken: outcome.offer == .taken, pictures: outcome.count)
                    if entry.pacing.phase == .live && pacing.phase == .waitingForKeyframe { behind.append((outcome.key, pacing.dropped)) }
                    state.viewers[outcome.key]?.pacing = pacing
                }
            }
            return behind
        }
        // Once per fall behind (a viewer that never reads falls once): the log stays bounded.
        for viewer in behind {
            logger.info("video viewer behind: pictures dropped until the next key frame", ("viewer", viewer.key),
                        ("dropped", viewer.dropped), ("budget", configuration.viewerBudget))
        }
    }

    /// The cached group for a newcomer: parameter sets in front when the key frame lacks them; all but the live picture marked catch-up.
    private func catchUp(_ cache: KeyframeCache) -> [RelayedFrame] {
        let pictures = cache.pictures
        return pictures.enumerated().map { index, frame in
            let prefix = index == 0 && !cache.startsWithParameterSets ? cache.parameterSets : []
            let isLive = index == pictures.count - 1
            return prefix.isEmpty && isLive ? frame : frame.withPrefix(prefix, catchUp: !isLive)
        }
    }

    /// The capture time from the SEI when it is on our clock (the embedded
    /// simulator's pictures: at most 10 s old, never in the future); the arrival time otherwise.
    private func header(for unit: AccessUnit, sequence: UInt32, arrivalWall: Int64) -> VideoFrameHeader {
        var flags: VideoFrameHeader.Flags = unit.isKeyframe ? [.keyframe] : []
        var timeMicros = arrivalWall
        if let capture = unit.captureTime {
            let age = unit.arrival - capture
            if age >= .zero && age < .seconds(10) {
                flags.insert(.captureTime)
                let (seconds, attoseconds) = age.components
                timeMicros = arrivalWall - (seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
            }
        }
        return VideoFrameHeader(flags: flags, sequence: sequence, timeMicros: timeMicros, arrivalMicros: arrivalWall)
    }
}
