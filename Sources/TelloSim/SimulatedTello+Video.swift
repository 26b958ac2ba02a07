import Clocks
import SimCamera
import Sockets

/// The video stream: frames on the simulator's clock while the stream is on, none when off.
extension SimulatedTello {
    private var framePeriod: Duration {
        if case .render(let settings) = configuration.video { return settings.framePeriod }
        return .seconds(1) / 30
    }

    /// Called whenever the drone's state may have changed: starts or stops the frame clock
    /// and sends the frame that is due (only the newest, if the timer woke late).
    func videoTick() {
        let now = time.now
        guard outbox != nil, core.model.streaming, let controller = core.controller, !isVideoOff else {
            if nextVideoFrame != nil { logger.info("video stream stopped") }
            nextVideoFrame = nil
            return
        }
        let period = framePeriod
        if nextVideoFrame == nil {
            videoStream += 1
            // The first slot on the power-on grid at or after now.
            // (The tolerance absorbs a period of 1/30 s not being a whole number of attoseconds.)
            nextVideoFrame = poweredOn + period * Int(((now - poweredOn) / period - 1e-9).rounded(.up))
            logger.info("video stream started", ("source", videoSourceName), ("to", controller.with(port: configuration.videoPort)))
        }
        guard let slot = nextVideoFrame, now >= slot else { return }
        let index = Int(((now - poweredOn) / period + 1e-9).rounded(.down))
        nextVideoFrame = poweredOn + period * (index + 1)
        // Nothing crosses a link that is down; the camera does not even draw.
        guard !core.faults.linkDown, let outbox else { return }
        let destination = controller.with(port: configuration.videoPort)
        switch configuration.video {
        case .render(let settings):
            let pose = core.model.pose
            if camera == nil {
                camera = CameraStream(scene: configuration.world.scene, settings: settings, seed: configuration.seed, logger: logger)
            }
            camera?.capture(CameraStream.Frame(
                pose: CameraPose(position: pose.position, yaw: pose.yaw), captureTime: now, index: index,
                stream: videoStream, joinsMidGOP: configuration.joinsMidGOP, loss: core.faults.videoLoss,
                destination: destination, outbox: outbox))
        case .clip(let clip):
            sendClipFrame(clip, index: index, to: destination)
        case .off:
            return
        }
    }

    private var isVideoOff: Bool {
        if case .off = configuration.video { return true }
        return false
    }

    private var videoSourceName: String {
        switch configuration.video {
        case .render: "camera"
        case .clip: "clip"
        case .off: "off"
        }
    }

    /// The next frame of a looped clip. Joining mid-GOP, the clip plays as if it had been
    /// running since power-on: the client starts wherever the clock has it.
    private func sendClipFrame(_ clip: H264Packets, index: Int, to destination: SocketAddress) {
        let frame = configuration.joinsMidGOP ? index % clip.frames.count : clipFrame % clip.frames.count
        clipFrame += 1
        for packet in clip.frames[frame] where !(core.faults.videoLoss > 0 && videoRandom.chance(core.faults.videoLoss)) {
            outbox?.yield(Outbound(bytes: packet, to: destination, reply: nil))
        }
    }

    /// What the camera has done: frames asked for, encoded, withheld, skipped; datagrams lost.
    /// Nil until the camera first streams (and always with a clip or no video).
    public var cameraCounts: CameraCounts? { camera?.counts }
}
