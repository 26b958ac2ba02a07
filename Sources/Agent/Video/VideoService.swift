import Logs
import Synchronization

/// Who asked for video, and the drone's stream to match: `streamon` when
/// the first viewer asks, `streamoff` when the last one that holds the
/// stream stops or leaves. Clients that never ask get no pictures.
package final class VideoService: Sendable {
    package let relay: VideoRelay
    package let ingress: VideoIngress
    let drone: Drone
    let logger: Logger
    /// Whether this service turned the drone's stream on (and not off since).
    private let streaming = Mutex(false)

    package init(relay: VideoRelay, ingress: VideoIngress, drone: Drone, logger: Logger) {
        self.relay = relay
        self.ingress = ingress
        self.drone = drone
        self.logger = logger
    }

    /// Adds `viewer` and turns the stream on (again: a Tello takes a repeated
    /// `streamon`, and a drone that reconnected has its stream off).
    package func start(_ viewer: any VideoViewer, key: String) async -> ActionResult {
        do {
            try ingress.open()
        } catch {
            logger.error("video unavailable", ("error", String(describing: error)))
            return .failed("start_video", .videoUnavailable(String(describing: error)))
        }
        // Added first, so a `stop` by another viewer meanwhile sees someone still watching.
        relay.add(viewer, key: key)
        let result = await drone.setVideo(true)
        if result.success {
            streaming.withLock { $0 = true }
            logger.info("video viewer added", ("viewer", key), ("viewers", relay.streamHolders))
        } else {
            relay.remove(key: key)
        }
        return result
    }

    /// Removes the viewer; the last one that holds the stream turns it off.
    package func stop(key: String) async -> ActionResult {
        let (_, holders) = relay.remove(key: key)
        logger.info("video viewer removed", ("viewer", key), ("viewers", holders))
        guard holders == 0 else { return .done("stop_video", .videoStopped) }
        return await turnOff()
    }

    /// A viewer went away without asking (its client disconnected). The relay
    /// may have forgotten it already (its last offer found the connection gone),
    /// so whether the stream stays on depends on who is left, not on this removal.
    package func left(key: String) async {
        let (removed, holders) = relay.remove(key: key)
        if removed { logger.info("video viewer left", ("viewer", key), ("viewers", holders)) }
        if holders == 0, streaming.withLock({ $0 }), await drone.isConnected { _ = await turnOff() }
    }

    private func turnOff() async -> ActionResult {
        let result = await drone.setVideo(false)
        if result.success { streaming.withLock { $0 = false } }
        relay.streamStopped()
        // Someone asked while the stream was being turned off: it stays on for them.
        if relay.streamHolders > 0, await drone.setVideo(true).success { streaming.withLock { $0 = true } }
        return result
    }
}
