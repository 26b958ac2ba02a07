import Clocks
import JSONValue
import Lifetimes
import Logs
import TelloSDK

/// The drone as the agent sees it: the link, what is known about it
/// (`DroneStatus`), and every action carried out through the link. The same
/// object flies the embedded simulator and a real Tello.
package actor Drone {
    let link: DroneLink
    let time: any TimeSource
    let logger: Logger
    var status = DroneStatus()
    var sdkMode = false
    /// Degrees clockwise since connect, dead-reckoned from the turns flown.
    private(set) var heading = 0
    /// Where the last takeoff left from (dead-reckoned): the height `h` counts
    /// from the surface there, which may be a box top rather than the floor.
    var takeoffPoint = DroneStatus.Vector()
    private var video = false
    var landingWatch = LandingWatch()
    private(set) var readings = StateReadings()
    /// False while a state-changing command went unanswered and the state
    /// stream has not yet said whether the drone is flying.
    var flightKnown = true
    /// Opened when the stream settles an unknown flight state (`settleFlight` waits on it).
    var flightSettled: Latch?
    /// `takeoff`, `land` or `emergency` while it waits for its reply.
    var flightChange: DroneCommand?
    /// The embedded drone's power button; nil for a real Tello.
    let powerButton: DronePowerButton?

    package init(link: DroneLink, time: any TimeSource, logger: Logger, powerButton: DronePowerButton? = nil) {
        self.link = link
        self.time = time
        self.logger = logger
        self.powerButton = powerButton
    }

    /// The link and a follower of its state stream and health, as children
    /// of the caller, until it is cancelled; then the link is stopped.
    package func run() async {
        await withTaskGroup(of: Void.self) { [link] group in
            group.addTask { await link.run() }
            group.addTask {
                for await event in link.events { await self.note(event) }
            }
        }
    }

    /// What is known; `flying` is true while the drone may be flying.
    package var snapshot: DroneStatus {
        var shown = status
        shown.flying = isFlying
        return shown
    }
    package var isConnected: Bool { status.connected }
    /// Flying, or possibly flying (a state-changing command went unanswered):
    /// what decides whether to land.
    package var isFlying: Bool { status.flying || !flightKnown }
    /// Whether reads are answered from the state stream now (its newest line is fresh).
    package var answersReadsFromState: Bool { readings.newest(now: time.now) != nil }

    /// `command` (SDK mode), then `battery?`; the result's `data.battery` is the level, and
    /// `data.powered_on` is true when the embedded drone was off and was switched on first.
    package func connect() async -> ActionResult {
        let switchedOn = await switchOnIfOff()
        let outcome = await link.send(.sdkMode)
        guard case .reply(.ok) = outcome else { return connectFailure(outcome) }
        sdkMode = true
        status.connected = await link.linkUp
        await link.holdSDKMode(true)
        if case .reply(.value(let text)) = await read(.battery), let battery = Int(text) {
            status.battery = battery
        }
        if case .reply(.value(let text)) = await link.send(.wifi), let snr = Int(text) {
            status.wifiSignal = snr
        }
        // SDK 3.0 drones (RoboMaster TT) have a keepalive of their own: the first keepalive asks.
        await link.chooseKeepaliveBySDKVersion()
        logger.info("drone connected", ("battery", status.battery), ("wifi", status.wifiSignal))
        let battery = JSONValue.number(Double(status.battery))
        guard switchedOn else { return .done("connect_drone", .droneConnected(battery: status.battery), data: ["battery": battery]) }
        return .done("connect_drone", .droneSwitchedOnAndConnected(battery: status.battery), data: ["battery": battery, "powered_on": true])
    }

    /// Lands first if flying and stops video, as the original did.
    package func disconnect() async {
        if isFlying { _ = await perform(.land, name: "land") }
        if video { _ = await setVideo(false) }
        await link.holdSDKMode(false)
        sdkMode = false
        status.connected = false
        logger.info("drone disconnected")
    }

    package func setVideo(_ on: Bool) async -> ActionResult {
        let name = on ? "start_video" : "stop_video"
        guard status.connected else { return .failed(name, .droneNotConnected) }
        let outcome = await link.send(on ? .streamOn : .streamOff)
        guard case .reply(.ok) = outcome else { return failure(name, outcome, command: (on ? DroneCommand.streamOn : .streamOff).text) }
        video = on
        return .done(name, on ? .videoStarted : .videoStopped)
    }

    /// Carries out one validated action. Never throws; every failure is a result.
    package func perform(_ action: CheckedAction, name: String) async -> ActionResult {
        switch action {
        case .refused(let why):
            return .failed(name, why)
        case .readStatus:
            return .done(name, .statusSnapshot, data: ["status": snapshot.json])
        case .emergency:
            return await changeFlight(name, .emergency)
        default:
            guard status.connected else { return .failed(name, .droneNotConnected) }
            return await performConnected(action, name: name)
        }
    }

    private func performConnected(_ action: CheckedAction, name: String) async -> ActionResult {
        switch action {
        case .takeoff:
            await settleFlight()
            // Unsettled: sent anyway, a flying Tello refuses takeoff with an error.
            guard !(flightKnown && status.flying) else { return .done(name, .alreadyFlying) }
            return await changeFlight(name, .takeoff)
        case .land:
            // Never refused while the drone may be flying.
            guard isFlying else { return .done(name, .notFlying) }
            return await changeFlight(name, .land)
        case .stop:
            return await fly(name, .stop) { _ in }
        case .move(let command, let report):
            await settleFlight()
            guard isFlying else { return .failed(name, .notFlying, data: report) }
            let start = status.vertical
            let result = await fly(name, command, report: report) { _ in }
            if result.success { track(command.command, from: start) }
            return result
        case .hover(let seconds, let report):
            await settleFlight()
            guard isFlying else { return .failed(name, .notFlying, data: report) }
            do {
                try await time.sleep(for: .seconds(seconds))  // keepalive runs meanwhile
            } catch {
                return .failed(name, .planCancelled, data: report)
            }
            return .done(name, .hovered(seconds: seconds), data: report)
        case .readBattery:
            let outcome = await read(.battery)
            guard case .reply(.value(let text)) = outcome, let battery = Int(text) else {
                return failure(name, outcome, command: DroneCommand.battery.text)
            }
            status.battery = battery
            return .done(name, .batteryLevel(battery), data: ["battery": .number(Double(battery))])
        case .refused, .readStatus, .emergency:
            return await perform(action, name: name)  // need no connection: handled there
        }
    }

    // MARK: - Internals

    /// From a fresh state line if the stream carries it, else from the drone.
    private func read(_ command: DroneCommand) async -> DroneLinkMachine.Outcome {
        if let reply = readings.answer(command, now: time.now) { return .reply(reply) }
        return await link.send(command)
    }

    private func fly(_ name: String, _ command: DroneCommand, report: [String: JSONValue] = [:],
                     onSuccess: (inout DroneStatus) -> Void) async -> ActionResult {
        let outcome = await link.send(command)
        guard case .reply(.ok) = outcome else { return failure(name, outcome, command: command.text, report: report) }
        onSuccess(&status)
        return .done(name, .actionDone(name), data: report)
    }

    func failure(_ name: String, _ outcome: DroneLinkMachine.Outcome, command: String,
                 report: [String: JSONValue] = [:]) -> ActionResult {
        var data = report
        data["command"] = .string(command)
        switch outcome {
        case .reply(let reply):
            if reply.saysLanded { status.flying = false }
            return .failed(name, .droneError(reply.text), data: data)
        case .timedOut: return .failed(name, .droneTimeout(command), data: data)
        case .superseded: return .failed(name, .planCancelled, data: data)
        case .notSent: return .failed(name, .linkLost, data: data)
        case .sent: return .done(name, .actionDone(name), data: data)  // nothing to wait for
        }
    }

    /// Dead reckoning from what was flown: the heading from turns, the position from moves.
    private func track(_ command: TelloCommand, from start: DroneStatus.Vertical) {
        switch command {
        case .rotate(.clockwise, let degrees): heading = (heading + degrees) % 360
        case .rotate(.counterClockwise, let degrees): heading = ((heading - degrees) % 360 + 360) % 360
        case .move(let direction, let centimetres):
            status.track(move: direction, centimetres: centimetres, heading: heading, from: start)
        default: break
        }
    }

    private func note(_ event: DroneLinkEvent) {
        switch event {
        case .state(let state):
            status.apply(state)
            readings.record(state, at: time.now)
            followFlight(state)
        case .linkLost: status.connected = false
        case .linkRestored: status.connected = sdkMode
        }
    }
}
