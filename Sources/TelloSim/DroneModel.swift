import Clocks
import TelloSDK

/// A reply the model wants sent, tagged with the id of the command it answers.
public struct ModelReply: Sendable, Equatable {
    public let commandID: UInt64
    public let reply: TelloReply
    /// Sent after the reply's text: real drones end read replies with CR LF.
    public var suffix = ""

    /// The datagram's text.
    public var wire: String { reply.text + suffix }
}

extension TelloReply {
    /// What real drones answer a move that `stop` cut short (tello-asyncio #13).
    static let forcedStop = TelloReply.value("forced stop")
}

/// What the model did with one received datagram (for logs and tests).
public enum Disposition: Sendable, Equatable {
    /// Answered at once (reads, set commands, refusals).
    case replied
    /// A motion began; its `ok` comes when it ends.
    case started
    /// `rc`: applied, never answered.
    case sticksApplied
    /// `rc` while an SDK motion runs or on the ground: ignored, never answered.
    case sticksIgnored
    /// Anything before `command`: a drone not in SDK mode ignores it.
    case ignoredBeforeSDKMode
    /// A command arriving while a motion runs: dropped without reply.
    case droppedWhileBusy
    /// A command arriving while a motion runs: refused (`error Not joystick` on real drones).
    case refusedWhileBusy
    /// Carried out without a reply (`emergency` on real drones).
    case unanswered
    /// The drone switched itself off (overheated on the ground): nothing is answered.
    case poweredOff
}

/// The simulated drone: a state machine over time, with no I/O and no clock of its own.
///
/// The caller says what arrived and when (`receive`) and moves time forward
/// (`advance`); the model returns the replies that are due. Everything is a
/// pure function of those calls, so a test replays a flight exactly.
///
/// Rules for commands that arrive while a motion runs (decision, documented in
/// docs/tello-sim.md): `emergency` acts at once; `stop` ends a move, turn, go,
/// curve or flip where the drone is (the interrupted command is never answered);
/// read commands and `command` are answered at once; `rc` is ignored; anything
/// else is dropped without a reply. Sources for dropping: djitellopy's own
/// comment, "Commands very consecutive makes the drone not respond to them";
/// its maintainer in DJITelloPy issue #239, "I do not think the drone accepts
/// movement commands while already handling one"; SMerrony/tello issue #12, a
/// `land` sent during takeoff is ignored, "the Tello is simply not accepting the
/// land command until it has finished doing other things".
public struct DroneModel: Sendable {
    public let parameters: FlightParameters
    /// The room, its obstacles and mission pads: what `tof` measures and the drone can hit.
    public let world: World
    public internal(set) var now: Duration

    var sdkMode = false
    var motorsOn = false
    var flying = false
    var pose: Pose
    /// Height of the surface the drone last took off from (or stands on at power-on): `h` counts from here.
    var takeoffLevel: Double
    var speedSetting: Int
    var battery: Double
    var temperature: Double
    var motorTime: Duration = .zero
    var streaming = false
    var missionPadDetection = false
    /// `mdirection`: which camera looks for pads (floor pads need the downward one).
    var padDirection = MissionPadDirection.both
    var sticks = RemoteControl.centered
    var action: Action?
    /// Collisions so far, the last one, and whether `rc` has the drone pressed against something now.
    var collisionCount = 0
    var lastCollision: Collision?
    var touching = false
    /// Last command received or motion ended: the 15 s auto-land counts from here.
    var quietSince: Duration
    /// Draws for the real drone's quirks (takeoff time, height offset); `seed` also keys the telemetry noise.
    var random: SeededRandom
    let seed: UInt64
    /// How much `h` reads low this flight (real drones: a fixed offset per flight).
    var heightOffset: Double = 0
    /// On the ground with motors off since: the thermal shutdown counts from here.
    var groundIdle: Duration = .zero
    /// Switched itself off (overheated): answers nothing, sends nothing.
    public internal(set) var poweredOff = false
    /// Replies owed to other commands than the one just received (`forced stop`, `error Auto land`).
    var owed: [ModelReply] = []

    public init(parameters: FlightParameters = FlightParameters(), world: World = .standard, now: Duration = .zero,
                seed: UInt64 = 1) {
        self.parameters = parameters
        self.world = world
        self.now = now
        self.seed = seed
        self.random = SeededRandom(seed: seed)
        let ground = world.surface(belowX: world.start.x, y: world.start.y)
        self.pose = Pose(position: SIMD3(world.start.x, world.start.y, ground), yaw: world.start.yaw)
        self.takeoffLevel = ground
        self.speedSetting = parameters.initialSpeed
        self.battery = parameters.initialBattery
        self.temperature = parameters.startTemperature
        self.quietSince = now
    }

    /// One datagram's text arrived at `time`. Returns every reply now due:
    /// those of motions that ended before `time`, then the answer to this command.
    public mutating func receive(_ text: String, id: UInt64, at time: Duration) -> (replies: [ModelReply], disposition: Disposition) {
        var replies = advance(to: time)
        guard !poweredOff else { return (replies, .poweredOff) }
        let command: TelloCommand
        do {
            command = try TelloCommand(parsing: text)
        } catch {
            guard sdkMode else { return (replies, .ignoredBeforeSDKMode) }
            if TelloCommand.words(text).first == "rc" {
                // Exact: no reply (an answer nobody waits for is read as the next command's).
                // Real drones answer a stick out of range, and only that, `out of range`.
                guard parameters.answersBadSticks, error.droneReply == .outOfRange else { return (replies, .sticksIgnored) }
                replies.append(ModelReply(commandID: id, reply: .outOfRange))
                return (replies, .replied)
            }
            if action != nil { return (replies + busy(id: id), parameters.busyReply == nil ? .droppedWhileBusy : .refusedWhileBusy) }
            quietSince = now
            replies.append(ModelReply(commandID: id, reply: error.droneReply))
            return (replies, .replied)
        }
        let (reply, disposition) = handle(command, id: id)
        replies += owed
        owed.removeAll()
        if let reply {
            var answer = ModelReply(commandID: id, reply: reply)
            if case .read = command { answer.suffix = parameters.readReplySuffix }
            replies.append(answer)
        }
        return (replies, disposition)
    }

    /// When the model next needs `advance` to be called for something to happen
    /// on its own (a motion ends, auto-land starts), or nil if nothing is pending.
    public var nextEvent: Duration? {
        if poweredOff { return nil }
        if let action { return action.end }
        if flying { return max(quietSince + parameters.autoLandAfter, now) }
        return nil
    }
}
