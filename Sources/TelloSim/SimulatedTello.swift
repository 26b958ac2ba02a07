import Clocks
import Lifetimes
import Networks
import Logs
import Sockets
import TelloSDK

/// A simulated Tello on a datagram network (the machine's UDP, or an
/// in-memory network in simulation runs): the drone a client talks to.
///
/// Commands arrive on one socket; replies go back to each sender; after
/// `command`, state lines go about every 100 ms to the sender's host at
/// `statePort`, and after `streamon` the video clip goes to `videoPort`,
/// all from the command socket (a real drone's replies and state come from
/// its own address, which is what clients such as djitellopy check).
/// Usable in-process (the agent embeds it) or from the `tello-sim` CLI.
public actor SimulatedTello {
    public struct Configuration: Sendable {
        /// Client port the state stream goes to (SDK: 8890).
        public var statePort: UInt16 = TelloPorts.state
        /// Client port the video goes to (SDK: 11111).
        public var videoPort: UInt16 = TelloPorts.video
        /// SDK 2.0 guide: state is sent at about 10 Hz.
        public var stateInterval: Duration = .milliseconds(100)
        /// The real drone by default (a plain Tello, quirks included); `.exact(model)` for clean tests.
        public var parameters = FlightParameters.realDrone(.tello)
        /// The room the drone flies in (`--world FILE`); the standard hall unless told otherwise.
        public var world = World.standard
        public var faults = FaultPlan()
        /// Seed of the fault rolls.
        public var seed: UInt64 = 1
        /// The video sent after `streamon`: the rendered camera (default), a looped clip, or none.
        public var video = VideoSource.camera
        /// Quirk of a real drone: its encoder runs from power-on, so a client that starts the
        /// stream joins mid-GOP and sees P pictures it cannot decode until the next key frame.
        public var joinsMidGOP = false
        /// Sees every command, reply and state tick (for traces); nil: nobody watches.
        public var tap: Tap?

        public init() {}

        /// The clean drone (`--exact`): no quirks, SDK-guide timing. The default model is the
        /// Tello EDU, whose SDK 2.0 has mission pads.
        public static func exact(_ model: TelloModel = .edu) -> Configuration {
            var configuration = Configuration()
            configuration.parameters = .exact(model)
            return configuration
        }
    }

    let configuration: Configuration
    let time: any TimeSource
    let logger: Logger
    var core: SimulatorCore<SocketAddress>
    var socket: (any DatagramEndpoint)?
    var outbox: AsyncStream<Outbound>.Continuation?
    /// What `run`'s sender sends, from `bind` until `run` takes it.
    var outgoing: AsyncStream<Outbound>?
    /// The one timer (state ticks, the core's deadlines, video frames), run by `run`.
    let timer = DeadlineTimer()
    var nextStateTick: Duration?
    /// The video's frame clock: slots every 1/30 simulated second from power-on.
    var poweredOn: Duration
    var nextVideoFrame: Duration?
    /// Counts `streamon`s that started a stream: each starts a new encoder.
    var videoStream = 0
    var clipFrame = 0
    var videoRandom: SeededRandom
    /// Made at the first `streamon` with the camera configured: a drone that never streams
    /// never allocates or draws a picture (and its construction costs nothing).
    var camera: CameraStream?

    public init(configuration: Configuration = Configuration(), time: any TimeSource, logger: Logger) {
        self.configuration = configuration
        self.time = time
        self.logger = logger
        self.core = SimulatorCore(model: DroneModel(parameters: configuration.parameters, world: configuration.world, now: time.now,
                                                    seed: configuration.seed),
                                  faults: configuration.faults, seed: configuration.seed)
        poweredOn = time.now
        // Video loss has its own dice: turning video on never changes which commands are lost.
        videoRandom = SeededRandom(seed: configuration.seed ^ 0x5EED_C11F_0000_0001)
    }

    /// Binds the command socket on `network` (the machine's UDP unless told
    /// otherwise); `run` then serves it. Port 0 picks a free port. Returns the
    /// bound address (print it as `listening on HOST:PORT`).
    /// A drone binds once: a second call, even after `stop()`, throws.
    @discardableResult
    public func bind(host: String = "127.0.0.1", commandPort: UInt16 = 0, network: any DatagramNetwork = UDPNetwork()) throws
        -> SocketAddress
    {
        guard socket == nil else { throw SimulatorStartError(message: "this simulated drone is already started") }
        guard let address = SocketAddress(host: host, port: commandPort) else {
            throw SimulatorStartError(message: "'\(host)' is not an IPv4 address")
        }
        let socket = try network.bindDatagram(address)
        self.socket = socket
        // Bounded like a real UDP send buffer: under a flood the oldest queued datagrams go first.
        let (stream, continuation) = AsyncStream<Outbound>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        outbox = continuation
        outgoing = stream
        logger.info("drone ready", ("address", socket.localAddress))
        if case .off = configuration.video { logger.info("video off: streamon will send nothing") }
        return socket.localAddress
    }

    /// Serves the bound socket (replies, state, video) until `stop()` or
    /// until the calling task is cancelled; its loops are children of the
    /// caller, and the socket is closed when it returns. Returns at once if
    /// the drone is not bound or already ran.
    public func run() async {
        guard let socket, let stream = outgoing else { return }
        outgoing = nil
        await withTaskGroup(of: Void.self) { [logger, time, timer] group in
            group.addTask { await Self.send(stream, on: socket, logger: logger) }
            group.addTask { await self.receiveLoop(socket) }
            group.addTask { await timer.run(on: time) { await self.timerFired() } }
            // Any loop ending (the socket closed, the outbox finished, cancellation) ends them all.
            _ = await group.next()
            group.cancelAll()
        }
        stop()
    }

    /// Binds, serves while `body` runs with the bound address, then stops and
    /// awaits the end of every loop: the simulator for one scope (a test).
    /// `body` runs in the caller's isolation, not on the drone's actor.
    nonisolated(nonsending) public func serving<T>(host: String = "127.0.0.1", commandPort: UInt16 = 0,
                                                   _ body: (SocketAddress) async throws -> T) async throws -> T {
        let address = try await bind(host: host, commandPort: commandPort)
        return try await withRunning({ await self.run() }) { try await body(address) }
    }

    /// Stops serving: no more replies, state or video; the socket is closed
    /// and `run` returns.
    public func stop() {
        timer.arm(nil)
        camera?.stop()
        outbox?.finish()
        outbox = nil
        outgoing = nil
        socket?.close()
    }

    /// The drone as it really is now.
    public var groundTruth: GroundTruth {
        advanceAndFlush()
        return core.model.groundTruth
    }

    /// The state line the drone would send now.
    public var state: TelloState {
        advanceAndFlush()
        return core.model.state
    }

    public var faults: FaultPlan { core.faults }

    /// The room this drone flies in.
    public var world: World { core.model.world }

    /// Replaces the fault plan (takes effect for the next datagram).
    public func setFaults(_ plan: FaultPlan) throws(FaultPlanError) {
        try plan.validate()
        core.faults = plan
        logger.info("faults changed", ("faults", plan))
    }

    /// Fault: the battery reads `percent` from now on.
    public func setBattery(_ percent: Double) {
        let due = core.setBattery(percent, at: time.now)
        logger.info("fault: battery set", ("percent", percent))
        enqueue(due)
        scheduleTimer()
    }

    /// Fault: the battery loses `points` percent at once.
    public func dropBattery(by points: Double) {
        setBattery(core.model.groundTruth.battery - points)
    }

    /// The power button of a drone that switched itself off (overheated on the ground): it
    /// boots afresh where it lies, not in SDK mode, battery as it was. Returns whether it was
    /// off; a drone that is on is left alone (a press would switch a real one off).
    public func switchOnIfOff() -> Bool {
        advanceAndFlush()
        guard core.model.poweredOff else { return false }
        enqueue(core.switchOn(at: time.now))
        poweredOn = time.now
        nextStateTick = nil
        videoTick()
        logger.warning("drone switched on again: a fresh boot, not in SDK mode", ("battery", core.model.state.bat))
        scheduleTimer()
        return true
    }

    /// Fault: the motors stop in flight.
    public func cutMotors() {
        let due = core.cutMotors(at: time.now)
        logger.warning("fault: motors stopped")
        enqueue(due)
        scheduleTimer()
    }
}

public struct SimulatorStartError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
