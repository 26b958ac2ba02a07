import Agent
import Bridge3002
import Clocks
import FlightRecord
import Networks
import Foundation
import JSONValue
import Lifetimes
import Logs
import Planner
import PostTransport
import Preflight
import Sockets
import TelloSDK
import TelloSim
import Wire

/// The whole agent, wired: drone (embedded simulator or a real Tello),
/// executor, planner, 3002 bridge and the WebSocket server, plus the
/// `drone_status` broadcast. `tello-agent`, the scenario runner and the
/// tests all build it with `start` and run it with `run(until:)`, which
/// owns its lifetime: every part is a service of one `ServiceGroup`.
package final class TelloAgent: Sendable {
    package let server: AgentServer
    package let drone: Drone
    package let executor: Executor
    /// The embedded simulator, when flying `--drone sim`.
    package let simulator: SimulatedTello?
    package let droneAddress: SocketAddress
    /// The drone's video for the clients that ask for it.
    package let video: VideoService
    let recording: VideoRecording?
    /// The session's recording (`--record`), written by a service of the group.
    package let recorder: FlightRecorder?
    let bridge: Bridge3002Client
    let options: AgentOptions
    let time: any TimeSource
    let networkTime: any TimeSource
    let logger: Logger

    package var address: SocketAddress { server.localAddress }

    private init(server: AgentServer, drone: Drone, executor: Executor, simulator: SimulatedTello?, droneAddress: SocketAddress,
                 video: VideoService, recording: VideoRecording?, recorder: FlightRecorder?, bridge: Bridge3002Client,
                 options: AgentOptions, time: any TimeSource, networkTime: any TimeSource, logger: Logger) {
        self.video = video
        self.recorder = recorder
        self.recording = recording
        self.server = server
        self.drone = drone
        self.executor = executor
        self.simulator = simulator
        self.droneAddress = droneAddress
        self.bridge = bridge
        self.options = options
        self.time = time
        self.networkTime = networkTime
        self.logger = logger
    }

    /// Binds every socket and wires the parts; `run` then runs them.
    /// `simulator` lets tests configure the embedded drone (faults, flight parameters).
    ///
    /// `time` runs the flight: the drone link, the embedded simulator, plan
    /// pauses and status broadcasts (`--time-scale` speeds it up).
    /// `networkTime` (default: `time`) runs the deadlines other programs see,
    /// which must stay in real seconds whatever the flight's scale: the 3002
    /// backend's 5 s, the LLM's deadline, the WebSocket handshake, close and
    /// keepalive timeouts, and the drone link's silence limit. Scenarios pass
    /// one virtual clock for both.
    ///
    /// `datagrams` carries the drone's commands, state and video (and the
    /// embedded simulator's side of them), `streams` the WebSocket API and
    /// the 3002 and model requests: the machine's UDP and TCP, or an
    /// in-memory network when a simulation run owns delivery.
    package static func start(_ options: AgentOptions, environment: [String: String], time: any TimeSource,
                             networkTime: (any TimeSource)? = nil,
                             logger: Logger, simulator configuration: SimulatedTello.Configuration = .init(),
                             linkConfig: DroneLinkMachine.Config = .init(),
                             datagrams: any DatagramNetwork = UDPNetwork(),
                             streams: (any StreamNetwork)? = nil) async throws -> TelloAgent {
        let networkTime = networkTime ?? time
        let settings = try AISettings.fromEnvironment(environment)
        let recorder = try options.recordPath.map { path in
            do {
                return try FlightRecorder(path: path, drone: options.drone == .simulator ? "embedded" : "\(options.drone)",
                                          options: recordedOptions(options, settings: settings),
                                          limits: { var limits = FlightRecorder.Limits(); limits.maxBytes = options.recordMaxBytes; return limits }(),
                                          redaction: Redaction(secrets: secrets(options, environment: environment)), time: time)
            } catch {
                throw AgentOptions.Invalid(message: "--record: \(error)")
            }
        }
        let videoSource: VideoIngress.Source
        var configuration = configuration
        if case .simulator = options.drone {
            // The embedded simulator streams to a socket of ours, bound before it starts so it knows the port.
            let socket = try datagrams.bindDatagram(.loopback())
            configuration.videoPort = socket.localAddress.port
            videoSource = .bound(socket)
        } else {
            videoSource = .onDemand(.any(port: TelloPorts.video), network: datagrams)
        }
        let (plainTransport, simulator, droneAddress) = try await connectTransport(options.drone, time: time, logger: logger,
                                                                                  simulator: configuration, datagrams: datagrams)
        let transport: any DroneTransport = recorder.map { RecordingDroneTransport(inner: plainTransport, recorder: $0) } ?? plainTransport
        var linkConfig = linkConfig
        linkConfig.plantedRetriesMoves = options.plantedBugs.contains(.linkRetriesMoves)
        let link = DroneLink(transport: transport, time: time, networkTime: networkTime, logger: logger.named("dronelink"),
                             config: linkConfig)
        // The embedded drone is ours to switch on again when it switched itself off; a real Tello's button is the user's.
        let powerButton = simulator.map { simulator in DronePowerButton { await simulator.switchOnIfOff() } }
        let drone = Drone(link: link, time: time, logger: logger.named("drone"), powerButton: powerButton)
        var relayConfiguration = VideoRelay.Configuration()
        relayConfiguration.viewerBudget = options.videoViewerBudget
        let relay = VideoRelay(configuration: relayConfiguration, time: time, logger: logger.named("video"), recorder: recorder)
        let video = VideoService(relay: relay, ingress: VideoIngress(videoSource, droneHost: droneAddress.ipv4, relay: relay,
                                                                     logger: logger.named("video")),
                                 drone: drone, logger: logger.named("video"))
        let recording = try options.recordVideo.map { try VideoRecording(path: $0, relay: relay, logger: logger.named("video")) }

        let endpoint = try BackendEndpoint.resolve(flag: options.backend, environment: environment)
        // Over an injected network, plain http goes through it; otherwise each endpoint's default transport.
        let poster = streams.map { WireHTTPPoster(time: networkTime, network: $0) }
        var bridgeOptions = Bridge3002Options(endpoint: endpoint, outboxPath: options.outbox)
        bridgeOptions.backoff = options.outboxBackoff
        bridgeOptions.plantedDropsFailedDelivery = options.plantedBugs.contains(.outboxDropsFailedDelivery)
        let bridge = try Bridge3002Client(options: bridgeOptions,
                                          transport: recorder.map { recordingPoster(for: endpoint.url, peer: .backend, recorder: $0, time: networkTime, inner: poster) } ?? poster,
                                          time: networkTime, logger: logger.named("bridge3002"))
        let planners = SettingsPlannerChoice(settings: settings, environment: environment,
                                             endpoints: AIEndpointPolicy(allowedHosts: options.allowedLLMHosts), time: networkTime,
                                             logger: logger.named("planner"), makePlanner: recordingPlanners(recorder, inner: poster))

        let hub = SessionHub(limit: options.maxConnections, recorder: recorder)
        let executor = Executor(drone: drone, time: time, pause: options.stepPause, logger: logger.named("executor")) {
            await hub.broadcast($0)
        }
        var preflight = try preflightGate(options, simulator: options.drone == .simulator ? configuration : nil)
        // A person confirms: real seconds, whatever the flight's --time-scale.
        if options.confirmPlans { preflight.confirmations = PlanConfirmations(time: networkTime) }
        var router = RequestRouter(drone: drone, executor: executor, planners: planners, language: options.language,
                                   logger: logger.named("router"), preflight: preflight) { _ = bridge.enqueue(analysis: $0) }
        router.planted = environment[PlantedRegression.variable].flatMap(PlantedRegression.init(rawValue:))
        if let planted = router.planted { logger.warning("planted regression active (tests only)", ("regression", planted.rawValue)) }
        router.plantedAnswersTwice = options.plantedBugs.contains(.routerAnswersTwice)
        guard let listen = SocketAddress(host: options.host, port: options.port) else {
            throw AgentOptions.Invalid(message: "cannot listen on \(options.host):\(options.port)")
        }
        var limits = AgentServer.Limits()
        limits.connections = options.maxConnections
        var websocket = WebSocketConfiguration()
        websocket.maxQueuedBytes = options.sendQueueLimit
        #if DEBUG
            if options.plantedBugs.contains(.sendQueueUnbounded) { websocket.maxQueuedBytes = .max }
        #endif
        let server = try BindFailure.explaining("the WebSocket API", at: listen, portFlag: "--port",
                                                usualSuspect: "another tello-agent (or the original agent)") {
            try AgentServer.start(on: listen, hub: hub, router: router,
                                  access: AccessPolicy(allowedOrigins: options.allowedOrigins, token: options.token),
                                  limits: limits, serverLimits: WebSocketServerLimits(perAddress: options.maxConnectionsPerAddress),
                                  websocket: websocket, video: video,
                                  console: options.console ? console(options, simulator: simulator) : nil,
                                  network: streams ?? TCPNetwork(), time: networkTime,
                                  logger: logger.named("agent"))
        }
        logger.info("agent started", ("listen", server.localAddress), ("drone", options.drone),
                    ("backend", endpoint), ("planner", settings))
        return TelloAgent(server: server, drone: drone, executor: executor, simulator: simulator, droneAddress: droneAddress,
                          video: video, recording: recording, recorder: recorder, bridge: bridge, options: options, time: time,
                          networkTime: networkTime, logger: logger)
    }

    /// The preflight's envelope and model: the simulator's own world and
    /// numbers when flying it, else `--envelope FILE` (a world file), else
    /// the indoor default; `--ceiling` and `--radius` tighten any of them.
    static func preflightGate(_ options: AgentOptions, simulator: SimulatedTello.Configuration?) throws -> PreflightGate {
        var model = FlightModel()
        model.stepPause = options.stepPause.seconds
        var world = simulator?.world
        if let path = options.envelopePath {
            do { world = try World(file: path) } catch { throw AgentOptions.Invalid(message: "--envelope: \(error)") }
        }
        var envelope = FlightEnvelope.indoor()
        if let world {
            let solids = (world.walls + world.obstacles).map {
                FlightEnvelope.KeepOut(name: $0.name, min: SIMD3($0.min.x, $0.min.y, $0.min.z), max: SIMD3($0.max.x, $0.max.y, $0.max.z))
            }
            envelope = FlightEnvelope(floorPlan: .box(minX: world.room.minX, maxX: world.room.maxX, minY: world.room.minY, maxY: world.room.maxY),
                                      ceiling: world.room.height, keepOut: solids, originYaw: world.start.yaw)
            envelope.origin = SIMD3(world.start.x, world.start.y, 0)
            envelope.origin.z = envelope.surface(under: SIMD3(world.start.x, world.start.y, .infinity))
        }
        if let parameters = simulator?.parameters {
            model.drone = parameters.performance
            envelope.minimumHeight = parameters.minimumHeight
        }
        return PreflightGate(policy: options.preflight,
                             flight: ShadowFlight(envelope: envelope.limited(radius: options.radius, ceiling: options.ceiling), model: model))
    }

    private static func connectTransport(_ target: DroneTarget, time: any TimeSource, logger: Logger,
                                         simulator configuration: SimulatedTello.Configuration, datagrams: any DatagramNetwork)
        async throws -> (any DroneTransport, SimulatedTello?, SocketAddress)
    {
        switch target {
        case .address(let drone):
            let states = SocketAddress.any(port: TelloPorts.state)
            let transport = try BindFailure.explaining("the drone's state stream (UDP; a Tello always sends it to port 8890)",
                                                       at: states, portFlag: nil,
                                                       usualSuspect: "another agent or a Tello script (djitellopy) on this machine") {
                try DatagramDroneTransport(drone: drone, stateAddress: states, network: datagrams, logger: logger.named("udp"))
            }
            return (transport, nil, drone)
        case .simulator:
            // The state socket first: the simulator must be told where state goes.
            let states = try datagrams.bindDatagram(.loopback())
            var configuration = configuration
            configuration.statePort = states.localAddress.port
            // Its line per command and reply (keepalive every 5 s) is debugging detail here.
            let simLogger = Logger(component: "tello-sim", minimumLevel: logger.minimumLevel <= .debug ? logger.minimumLevel : .warning,
                                   sink: logger.sink)
            let simulator = SimulatedTello(configuration: configuration, time: time, logger: simLogger)
            let address = try await simulator.bind(host: "127.0.0.1", commandPort: 0, network: datagrams)
            let commands = try datagrams.bindDatagram(.loopback())
            let transport = DatagramDroneTransport(drone: address, commands: commands, states: states, logger: logger.named("udp"))
            return (transport, simulator, address)
        }
    }

    /// The console's routes; the world comes from the embedded simulator's ground truth when there is one.
    private static func console(_ options: AgentOptions, simulator: SimulatedTello?) -> AgentServer.Console {
        let access = AccessPolicy(allowedOrigins: options.allowedOrigins, token: options.token)
        return AgentServer.Console(routes: ConsoleRoutes(access: access, language: options.language, simulator: simulator != nil)) {
            guard let simulator else { return nil }
            return ConsoleWorld.json(world: await simulator.world, truth: await simulator.groundTruth)
        }
    }
}
