import Clocks
import TelloSDK

extension DroneModel {
    /// Carries out one parsed command; returns the immediate reply (nil: none now).
    mutating func handle(_ command: TelloCommand, id: UInt64) -> (TelloReply?, Disposition) {
        let answeredNow = action == nil || parameters.readsAnsweredDuringMotion
        if command == .command, answeredNow || !sdkMode {
            sdkMode = true
            quietSince = now
            return (.ok, .replied)
        }
        guard sdkMode else { return (nil, .ignoredBeforeSDKMode) }
        quietSince = now
        switch command {
        case .emergency:
            action = nil
            stopMotors()
            return parameters.answersEmergency ? (.ok, .replied) : (nil, .unanswered)
        case .read(let query) where answeredNow:
            return (read(query), .replied)
        case .rc(let input):
            guard flying, action == nil else { return (nil, .sticksIgnored) }
            sticks = input
            return (nil, .sticksApplied)
        case .sdk3(let sdk3) where !parameters.model.speaksSDK3:
            // SDK 2.0 firmware knows no such word.
            return (.unknownCommand(TelloCommand.words(sdk3.text).first ?? ""), .replied)
        case .sdk3(.keepalive) where answeredNow:
            return (.ok, .replied)
        default:
            break
        }
        if let running = action {
            return interrupt(running, with: command, id: id)
        }
        if case .sdk3(let sdk3) = command { return (perform(sdk3), .replied) }
        return perform(command, id: id)
    }

    /// A command while a motion runs: `stop` and (real drones) `land` cut it short;
    /// anything else is refused or dropped (`FlightParameters.busyReply`).
    private mutating func interrupt(_ running: Action, with command: TelloCommand, id: UInt64) -> (TelloReply?, Disposition) {
        if command == .stop, running.kind.isInterruptible {
            pose = running.path.pose(at: running.progress(at: now))
            action = nil
            if parameters.forcedStopReply, let interrupted = running.commandID {
                owed.append(ModelReply(commandID: interrupted, reply: .forcedStop))
            }
            return (.ok, .replied)
        }
        if command == .land, parameters.landInterruptsMotion, running.kind.isInterruptible {
            pose = running.path.pose(at: running.progress(at: now))
            action = nil
            if let interrupted = running.commandID { owed.append(ModelReply(commandID: interrupted, reply: .autoLand)) }
            beginLanding(id: id)
            return (nil, .started)
        }
        owed += busy(id: id)
        return (nil, parameters.busyReply == nil ? .droppedWhileBusy : .refusedWhileBusy)
    }

    /// The busy answer to command `id`, if the drone gives one.
    func busy(id: UInt64) -> [ModelReply] {
        parameters.busyReply.map { [ModelReply(commandID: id, reply: $0)] } ?? []
    }

    private mutating func perform(_ command: TelloCommand, id: UInt64) -> (TelloReply?, Disposition) {
        switch command {
        case .takeoff:
            guard !flying else { return (.error(nil), .replied) }
            // DJITelloPy issue #15: "error motor stop" to takeoff, "usually when the battery is empty".
            guard battery >= parameters.takeoffMinimumBattery else { return (.motorStop, .replied) }
            motorsOn = true
            flying = true
            takeoffLevel = surfaceBelow(pose.position)
            var top = pose
            top.position.z = takeoffLevel + parameters.takeoffHeight
            var duration = parameters.takeoffDuration
            if let range = parameters.takeoffDurationRange { duration = .seconds(Double.random(in: range, using: &random)) }
            if let range = parameters.heightOffsetRange { heightOffset = Double.random(in: range, using: &random) }
            return start(.takeoff, id: id, path: .line(from: pose, to: top), duration: duration)
        case .land:
            guard flying else { return (.motorStop, .replied) }
            beginLanding(id: id)
            return (nil, .started)
        case .streamOn, .streamOff:
            streaming = command == .streamOn
            return (.ok, .replied)
        case .stop:
            guard flying else { return (.motorStop, .replied) }
            sticks = .centered
            return (.ok, .replied)
        case .setSpeed(let speed):
            speedSetting = speed
            return (.ok, .replied)
        case .missionPadDetection(let enabled):
            missionPadDetection = enabled
            return (.ok, .replied)
        case .missionPadDirection(let direction):
            padDirection = direction
            return (.ok, .replied)
        case .wifi, .accessPoint:
            return (.ok, .replied)
        case .go(_, _, .some), .curve(_, _, _, .some), .jump:
            guard flying else { return (.motorStop, .replied) }
            sticks = .centered
            return performRelativeToPad(command, id: id) ?? (.error(nil), .replied)
        default:
            return performMotion(command, id: id)
        }
    }

    private mutating func performMotion(_ command: TelloCommand, id: UInt64) -> (TelloReply?, Disposition) {
        guard flying else { return (.motorStop, .replied) }
        sticks = .centered
        switch command {
        case let .move(direction, centimeters):
            var target = pose
            target.position += pose.worldOffset(Self.bodyOffset(direction, Double(centimeters)))
            let floor = lowestHover(at: target.position)
            let refused = target.position.z < floor
            target.position.z = max(target.position.z, floor)
            let result = startProfiled(.move, id: id, path: .line(from: pose, to: target), distance: Double(centimeters), speed: Double(speedSetting))
            // Real drones stop at their floor and never answer the `down` that asked for more.
            if refused, !parameters.answersRefusedDescent { action?.answered = false }
            return result
        case let .rotate(direction, degrees):
            var target = pose
            target.yaw += direction == .clockwise ? Double(degrees) : -Double(degrees)
            return start(.rotate, id: id, path: .line(from: pose, to: target), duration: .seconds(Double(degrees) / parameters.yawRate))
        case .flip(let direction):
            guard battery >= parameters.flipMinimumBattery else { return (.error(nil), .replied) }
            return start(.flip, id: id, path: .flip(pose, direction), duration: parameters.flipDuration)
        case let .go(point, speed, nil):
            var target = pose
            let offset = pose.worldOffset(SIMD3(Double(point.x), Double(point.y), Double(point.z)))
            target.position += offset
            target.position.z = max(target.position.z, lowestHover(at: target.position))
            return startProfiled(.go, id: id, path: .line(from: pose, to: target), distance: length(offset), speed: Double(speed))
        case let .curve(via, to, speed, nil):
            let middle = pose.position + pose.worldOffset(SIMD3(Double(via.x), Double(via.y), Double(via.z)))
            let end = pose.position + pose.worldOffset(SIMD3(Double(to.x), Double(to.y), Double(to.z)))
            // SDK 2.0 guide: "If the arc radius is not within a range of 0.5-10 meters, it will respond with an error."
            guard let arc = ArcPath(from: pose.position, via: middle, to: end),
                  TelloRanges.curveRadius.contains(arc.radius) else { return (parameters.curveRadiusReply, .replied) }
            return startProfiled(.curve, id: id, path: .arc(arc, yaw: pose.yaw), distance: arc.length, speed: Double(speed))
        default:
            return (.error(nil), .replied)
        }
    }

    static func bodyOffset(_ direction: MoveDirection, _ distance: Double) -> SIMD3<Double> {
        switch direction {
        case .forward: return SIMD3(distance, 0, 0)
        case .back: return SIMD3(-distance, 0, 0)
        case .left: return SIMD3(0, distance, 0)
        case .right: return SIMD3(0, -distance, 0)
        case .up: return SIMD3(0, 0, distance)
        case .down: return SIMD3(0, 0, -distance)
        }
    }

    /// Starts a motion; if its path touches a wall or obstacle it will end there (see `Action.contact`).
    mutating func start(_ kind: Action.Kind, id: UInt64?, path: FlightPath, duration: Duration) -> (TelloReply?, Disposition) {
        action = Action(kind: kind, commandID: id, start: now, duration: duration, path: path, contact: world.firstContact(along: path))
        return (nil, .started)
    }

    /// Starts a move, `go` or `curve` of `distance` cm at commanded `speed` cm/s: at the exact
    /// drone that speed all the way; at the real one the ramp, cruise fraction and settling hover.
    mutating func startProfiled(_ kind: Action.Kind, id: UInt64?, path: FlightPath, distance: Double, speed: Double) -> (TelloReply?, Disposition) {
        let profile = parameters.performance.motionProfile
        let duration = profile.duration(distance: distance, cruise: speed * parameters.cruiseFraction)
        let result = start(kind, id: id, path: path, duration: duration)
        action?.profile = profile
        return result
    }

    /// Descends from where it is at `landingSpeed`, then spins the motors down.
    mutating func beginLanding(id: UInt64?) {
        sticks = .centered
        var ground = pose
        ground.position.z = surfaceBelow(pose.position)
        let duration = Duration.seconds((pose.position.z - ground.position.z) / parameters.landingSpeed) + parameters.motorSpinDown
        action = Action(kind: id == nil ? .autoLand : .land, commandID: id, start: now, duration: duration,
                        path: .line(from: pose, to: ground), contact: nil)
    }

    /// Motors off in the air or on the ground: the drone drops to the floor.
    mutating func stopMotors() {
        motorsOn = false
        flying = false
        sticks = .centered
        pose.position.z = surfaceBelow(pose.position)
    }

    /// The floor or box top under the drone at `position` (the highest one not above it).
    func surfaceBelow(_ position: SIMD3<Double>) -> Double {
        world.surface(belowX: position.x, y: position.y, z: position.z)
    }

    /// The lowest a move may take the drone over `position`: the downward sensors keep it
    /// `minimumHeight` above whatever is below (the floor or the box it flies over).
    func lowestHover(at position: SIMD3<Double>) -> Double {
        world.surface(belowX: position.x, y: position.y, z: max(position.z, pose.position.z)) + parameters.minimumHeight
    }
}
