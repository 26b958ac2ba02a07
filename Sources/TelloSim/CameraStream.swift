import Clocks
import Dispatch
import H264
import Logs
import SimCamera
import Synchronization
import Sockets

/// The drone's camera at work: renders the world from a pose, encodes the picture and
/// sends it, one frame at a time, on its own serial dispatch queue, so 20-30 ms of
/// drawing and encoding a frame never holds the simulator's actor or a thread of the
/// cooperative pool (which has only two here, shared with the agent).
///
/// Frames are asked for on the simulator's clock; when the camera is still busy with the
/// previous one, the newest request replaces any waiting one (the dropped frame is
/// counted). A slow machine or a fast `--time-scale` therefore sends fewer frames, each
/// still stamped with its own simulated capture time, and nothing queues up.
///
/// `@unchecked Sendable`: `worker` (renderer, encoder, picture, loss dice) is touched only
/// by blocks running on `queue`, which is serial; everything else is in the `Mutex`.
final class CameraStream: @unchecked Sendable {
    struct Frame: Sendable {
        var pose: CameraPose
        var captureTime: Duration
        /// Frames since power-on on the simulator's clock: where the drone's GOP is.
        var index: Int
        /// Changes at every `streamon`: a new stream starts with a new encoder.
        var stream: Int
        var joinsMidGOP: Bool
        var loss: Double
        var destination: SocketAddress
        var outbox: AsyncStream<Outbound>.Continuation
    }

    private struct Shared {
        var pending: Frame?
        var running = false
        var stopped = false
        var counts = CameraCounts()
    }

    private let queue = DispatchQueue(label: "tello-sim.camera", qos: .userInitiated)
    private let shared = Mutex(Shared())
    private let worker: Worker

    init(scene: Scene, settings: CameraSettings, seed: UInt64, logger: Logger) {
        worker = Worker(scene: scene, settings: settings, seed: seed, logger: logger)
    }

    var counts: CameraCounts { shared.withLock { $0.counts } }

    /// Asks for a frame; returns at once.
    func capture(_ frame: Frame) {
        let start = shared.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.counts.requested += 1
            if state.pending != nil { state.counts.skipped += 1 }
            state.pending = frame
            guard !state.running else { return false }
            state.running = true
            return true
        }
        guard start else { return }
        // In a simulation run the picture is drawn right here, on the run's executor: a queue of its
        // own would hand frames back at moments the run cannot see, and a replay would differ.
        if SimulationExecutor.current != nil { drain() } else { queue.async { @Sendable [self] in drain() } }
    }

    /// No more frames: a waiting request is dropped; a frame being drawn finishes into the
    /// outbox the stopped drone has already finished, which discards it.
    func stop() {
        shared.withLock { state in
            state.stopped = true
            state.pending = nil
        }
    }

    private func drain() {
        while let frame = shared.withLock({ state -> Frame? in
            guard let frame = state.pending, !state.stopped else { state.running = false; return nil }
            state.pending = nil
            return frame
        }) {
            let outcome = worker.produce(frame)
            shared.withLock { state in
                state.counts.encoded += outcome.encoded ? 1 : 0
                state.counts.withheld += outcome.withheld ? 1 : 0
                state.counts.datagramsLost += outcome.lost
            }
        }
    }
}

/// What the camera has done since power-on (tests and the curious read it from `SimulatedTello.cameraCounts`).
public struct CameraCounts: Sendable, Equatable {
    /// Frames the simulator's clock asked for while the stream was on.
    public var requested = 0
    public var encoded = 0
    /// Encoded but not sent: the key frame before a mid-GOP join.
    public var withheld = 0
    /// Replaced by a newer request before the camera got to them (a busy machine).
    public var skipped = 0
    /// Video datagrams the lossy link (`videoLoss`) dropped.
    public var datagramsLost = 0

    public init() {}
}

/// The part of the camera that lives on its queue.
private final class Worker {
    let scene: Scene
    let settings: CameraSettings
    let renderer: SceneRenderer
    let logger: Logger
    /// Made on the queue with the first frame: a drone that never streams never pays for it.
    var picture: Picture?
    var encoder: H264Encoder?
    var stream = -1
    var sentInStream = 0
    var random: SeededRandom

    init(scene: Scene, settings: CameraSettings, seed: UInt64, logger: Logger) {
        self.scene = scene
        self.settings = settings
        self.logger = logger
        renderer = SceneRenderer(camera: settings.camera)
        // Its own dice, so video loss never shifts the rolls of the command and reply faults.
        random = SeededRandom(seed: seed ^ 0x5EED_C0FF_EE00_0001)
    }

    func produce(_ frame: CameraStream.Frame) -> (encoded: Bool, withheld: Bool, lost: Int) {
        if frame.stream != stream {
            stream = frame.stream
            sentInStream = 0
            var configuration = settings.encoder
            configuration.width = settings.camera.width
            configuration.height = settings.camera.height
            do { encoder = try H264Encoder(configuration) } catch {
                encoder = nil
                logger.error("camera: the encoder refused its settings, streaming nothing", ("error", "\(error)"))
            }
        }
        guard let encoder else { return (false, false, 0) }
        // Taken out while drawing, so the planes are written in place rather than copied.
        var picture: Picture
        if var reused = self.picture.take() {
            renderer.render(scene, from: frame.pose, into: &reused)
            picture = reused
        } else {
            picture = renderer.render(scene, from: frame.pose)
        }
        defer { self.picture = picture }
        let interval = encoder.configuration.keyFrameInterval
        // A real drone's encoder runs from power-on: its key frames fall on its own clock.
        let keyFrame: Bool? = frame.joinsMidGOP ? frame.index % interval == 0 : nil
        let encoded: H264Encoder.EncodedPicture
        do { encoded = try encoder.encode(picture, captureTime: frame.captureTime, keyFrame: keyFrame) } catch {
            logger.error("camera: encoding failed", ("error", "\(error)"))
            return (false, false, 0)
        }
        // Joining mid-GOP: the key frame this stream's encoder needed first was sent before
        // the client listened; it sees only P pictures until the next key frame.
        if frame.joinsMidGOP && sentInStream == 0 && frame.index % interval != 0 {
            sentInStream = -1
            return (true, true, 0)
        }
        sentInStream = max(sentInStream, 0) + 1
        var lost = 0
        for unit in encoded.units {
            for datagram in H264Packets.datagrams(of: unit.annexB) {
                if frame.loss > 0, random.chance(frame.loss) { lost += 1; continue }
                frame.outbox.yield(Outbound(bytes: datagram, to: frame.destination, reply: nil))
            }
        }
        return (true, false, lost)
    }
}
