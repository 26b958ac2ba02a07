import CommandLineFlags
import Logs
import Sockets
import TelloSDK

/// The `tello-sim` command line (names that scripts rely on: docs/architecture.md).
///
/// Parsing lives here rather than in the executable so it is unit-tested.
public struct SimulatorCommandLine: Sendable, Equatable {
    public var bind = "0.0.0.0"
    public var commandPort: UInt16 = TelloPorts.command
    public var statePort: UInt16 = TelloPorts.state
    public var videoPort: UInt16 = TelloPorts.video
    /// Simulated seconds per wall second.
    public var timeScale = 1.0
    public var seed: UInt64 = 1
    /// HTTP control endpoint port on `controlHost`; nil = no endpoint.
    public var controlPort: UInt16?
    /// The control endpoint listens on loopback unless told otherwise: it can crash a drone.
    public var controlHost = "127.0.0.1"
    public var drones = 1
    /// Drones on consecutive addresses (from `bind`, same port) instead of consecutive ports:
    /// a class of drones that clients tell apart by address, as djitellopy's TelloSwarm does.
    public var consecutiveAddresses = false
    public var faults = FaultPlan()
    public var battery: Double?
    /// What `streamon` sends: the rendered camera (default), the bundled clip, nothing, or an Annex-B file.
    public var video = VideoChoice.render
    /// Clients that start the stream join mid-GOP, as on a real drone.
    public var joinsMidGOP = false
    /// World file (JSON, docs/world.schema.json); nil = the standard hall.
    public var worldPath: String?
    public var logLevel = LogLevel.info
    /// Which drone to be (`--model`): a plain Tello unless told otherwise.
    public var model = TelloModel.tello
    /// Clean telemetry and SDK-guide timing instead of the real drone's quirks (`--exact`).
    public var exact = false
    public var help = false

    /// The flight parameters `--model` and `--exact` select (the battery flag applies on top).
    public var parameters: FlightParameters {
        var parameters = exact ? FlightParameters.exact(model) : FlightParameters.realDrone(model)
        if let battery { parameters.initialBattery = battery }
        return parameters
    }

    public init() {}

    /// The documented range of every numeric flag (the usage text and docs/tello-sim.md say the same).
    public enum Range {
        /// From a hundredth of real time to a hundred times faster: beyond either end the
        /// simulated clock's arithmetic leaves what a `Duration` can hold.
        public static let timeScale = 0.01...100.0
        public static let drones = 1...64
        public static let battery = 0.0...100.0
        public static let probability = 0.0...1.0
        public static let replyDelayMilliseconds = 0...60_000
    }

    /// What the operator must know before the simulator starts (printed on stderr).
    public var warnings: [String] {
        guard controlPort != nil, let control = SocketAddress(host: controlHost, port: 0), !control.isLoopback else { return [] }
        return ["the control endpoint on \(controlHost) is reachable from other machines and has no authentication: "
                + "anyone who can reach it can crash, drain or cut off the simulated drones (keep --control-host 127.0.0.1 "
                + "unless the network is yours)"]
    }

    public static let usage = """
        usage: tello-sim [options]

        A simulated DJI/Ryze Tello speaking the SDK 2.0 UDP protocol. Replies go to
        the sender; after `command`, state lines (10 Hz) go to the sender's host at
        the state port, and after `streamon` H.264 video to the video port.

        options:
          --bind ADDR              address of the command socket (default 0.0.0.0)
          --command-port N         command port (default 8889; 0 = pick one)
          --state-port N           client port the state stream goes to (default 8890)
          --video-port N           client port the video goes to (default 11111)
          --time-scale X           simulated seconds per wall second, 0.01-100 (default 1;
                                   10 = ten times faster, auto-land after 1.5 s of silence)
          --seed N                 seed of the fault dice (default 1)
          --control-port N         serve the HTTP control endpoint on this port (0 = pick)
          --control-host ADDR      address of the control endpoint (default 127.0.0.1; it has no
                                   authentication: any other address is warned about)
          --drones N               run N drones on consecutive command ports, 1-64 (default 1)
          --consecutive-addresses  put the drones on consecutive addresses from --bind
                                   (e.g. 127.0.0.2, 127.0.0.3), all on the command port
          --video render|clip|off|FILE
                                   what streamon sends (default render: the camera's view of the
                                   world, H.264 at 30 fps; clip: the bundled 1 s test clip looped;
                                   off: nothing; FILE: an Annex-B H.264 file looped)
          --join-mid-gop           like a real drone, a client starting the stream sees P frames
                                   it cannot decode until the next key frame (at most 1 s)
          --world FILE             the room to fly in: walls, obstacles, mission pads (JSON,
                                   see docs/tello-sim.md "Worlds"; default: a 40 m x 40 m hall)
          --battery P              battery at start, percent 0-100 (default 100)
          --model M                tello, edu or tt: a plain Tello (SDK 2.0, default), a Tello EDU
                                   (SDK 2.0), a RoboMaster TT (SDK 3.0: keepalive, motoron, ReXXYY tags)
          --exact                  clean telemetry and SDK-guide timing instead of the real drone's
                                   quirks (busy replies, speed ramp, h offset, CR LF, ...)
          --log-level L            trace, debug, info, warning, error (default info)
          -h, --help               show this help

        faults (also settable at run time through the control endpoint):
          --command-loss P         probability a command is lost on its way in (0...1)
          --reply-loss P           probability a reply is lost on its way out
          --state-loss P           probability a state line is lost
          --reply-delay-ms N       send every reply N simulated ms late (0-60000)
          --late-replies           hold each reply until the next command arrives
          --duplicate-replies P    probability a reply is sent twice
          --force-reply CMD=REPLY  answer CMD (full text or first word) with REPLY, not acting on it
          --link-down              start with the link down (nothing passes)
          --video-loss P           probability a video datagram is lost (0...1)
          --junk-datagrams         send binary (0xCC...) datagrams around the reply to `command`

        Ports are 0-65535. A value out of range is refused (exit 2) before anything binds.
        Prints `listening on HOST:PORT` per command socket (and control endpoint) once serving.

        """

    /// Parses arguments (without the program name); throws a message naming the bad one.
    public init(arguments: [String]) throws(CommandLineError) {
        var reader = ArgumentReader(arguments)
        while let flag = reader.next() {
            switch flag {
            case "-h", "--help": help = true
            case "--bind": bind = try reader.value(for: flag)
            case "--command-port": commandPort = try reader.port(for: flag)
            case "--state-port": statePort = try reader.port(for: flag)
            case "--video-port": videoPort = try reader.port(for: flag)
            case "--time-scale": timeScale = try reader.decimal(for: flag, in: Range.timeScale)
            case "--seed": seed = try reader.integer(for: flag, in: 0...UInt64.max)
            case "--control-port": controlPort = try reader.port(for: flag)
            case "--control-host": controlHost = try reader.value(for: flag)
            case "--drones": drones = try reader.integer(for: flag, in: Range.drones)
            case "--consecutive-addresses": consecutiveAddresses = true
            case "--video": video = VideoChoice(try reader.value(for: flag))
            case "--join-mid-gop": joinsMidGOP = true
            case "--video-loss": faults.videoLoss = try reader.probability(for: flag)
            case "--world": worldPath = try reader.value(for: flag)
            case "--battery": battery = try reader.decimal(for: flag, in: Range.battery)
            case "--model":
                let name = try reader.value(for: flag)
                guard let chosen = TelloModel(rawValue: name) else {
                    throw CommandLineError("--model must be one of tello, edu, tt, got '\(name)'")
                }
                model = chosen
            case "--exact": exact = true
            case "--junk-datagrams": faults.junkDatagrams = true
            case "--log-level":
                let name = try reader.value(for: flag)
                guard let level = LogLevel(name: name) else { throw CommandLineError("unknown log level '\(name)'") }
                logLevel = level
            case "--command-loss": faults.commandLoss = try reader.probability(for: flag)
            case "--reply-loss": faults.replyLoss = try reader.probability(for: flag)
            case "--state-loss": faults.stateLoss = try reader.probability(for: flag)
            case "--reply-delay-ms":
                faults.replyDelayMilliseconds = try reader.integer(for: flag, in: Range.replyDelayMilliseconds)
            case "--late-replies": faults.lateReplies = true
            case "--duplicate-replies": faults.duplicateReplies = try reader.probability(for: flag)
            case "--link-down": faults.linkDown = true
            case "--force-reply":
                let rule = try reader.value(for: flag)
                guard let equals = rule.firstIndex(of: "="), equals != rule.startIndex else {
                    throw CommandLineError("--force-reply expects CMD=REPLY, got '\(rule)'")
                }
                faults.forcedReplies[String(rule[..<equals])] = String(rule[rule.index(after: equals)...])
            default:
                throw CommandLineError("unknown option '\(flag)'")
            }
        }
        do { try faults.validate() } catch { throw CommandLineError(error.message) }
        guard !help else { return }
        // Every drone's address is checked now, so a bad combination is refused before anything binds.
        for index in 0..<drones { _ = try commandAddress(ofDrone: index) }
        if controlPort != nil && SocketAddress(host: controlHost, port: 0) == nil {
            throw CommandLineError("--control-host '\(controlHost)' is not an IPv4 address")
        }
    }

    /// The command address of drone `index`: consecutive ports from `commandPort`
    /// (port 0 stays 0: each picks its own), or with `consecutiveAddresses`
    /// consecutive addresses from `bind`, all on `commandPort`.
    public func commandAddress(ofDrone index: Int) throws(CommandLineError) -> SocketAddress {
        guard let base = SocketAddress(host: bind, port: commandPort) else {
            throw CommandLineError("--bind '\(bind)' is not an IPv4 address")
        }
        if consecutiveAddresses {
            guard base.ipv4 != 0 else { throw CommandLineError("--consecutive-addresses needs a specific --bind address, not 0.0.0.0") }
            guard UInt64(base.ipv4) + UInt64(index) <= UInt64(UInt32.max) else {
                throw CommandLineError("--drones \(drones) from \(bind) runs past 255.255.255.255")
            }
            return SocketAddress(ipv4: base.ipv4 + UInt32(index), port: commandPort)
        }
        guard commandPort != 0 else { return base }
        let port = Int(commandPort) + index
        guard port <= Int(UInt16.max) else { throw CommandLineError("--drones \(drones) from port \(commandPort) runs past 65535") }
        return base.with(port: UInt16(port))
    }
}

public struct CommandLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Walks the argument list; values may follow the flag or be attached with `=`.
private struct ArgumentReader {
    private var remaining: ArraySlice<String>
    private var attached: String?

    init(_ arguments: [String]) { remaining = arguments[...] }

    mutating func next() -> String? {
        guard let argument = remaining.popFirst() else { return nil }
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            attached = String(argument[argument.index(after: equals)...])
            return String(argument[..<equals])
        }
        attached = nil
        return argument
    }

    mutating func value(for flag: String) throws(CommandLineError) -> String {
        if let attached {
            self.attached = nil
            return attached
        }
        guard let value = remaining.popFirst() else { throw CommandLineError("\(flag) needs a value") }
        return value
    }

    /// A number read by one of `BoundedNumber`'s range-checked readers.
    mutating func number<Value>(for flag: String, _ read: (String, String) throws(FlagError) -> Value) throws(CommandLineError) -> Value {
        let text = try value(for: flag)
        do { return try read(text, flag) } catch { throw CommandLineError(error.message) }
    }

    mutating func port(for flag: String) throws(CommandLineError) -> UInt16 {
        try number(for: flag) { text, flag throws(FlagError) in try BoundedNumber.port(text, flag: flag) }
    }

    mutating func probability(for flag: String) throws(CommandLineError) -> Double {
        try decimal(for: flag, in: SimulatorCommandLine.Range.probability)
    }

    mutating func decimal(for flag: String, in range: ClosedRange<Double>) throws(CommandLineError) -> Double {
        try number(for: flag) { text, flag throws(FlagError) in try BoundedNumber.decimal(text, flag: flag, in: range) }
    }

    mutating func integer<Value: FixedWidthInteger>(for flag: String, in range: ClosedRange<Value>) throws(CommandLineError) -> Value {
        try number(for: flag) { text, flag throws(FlagError) in try BoundedNumber.integer(text, flag: flag, in: range) }
    }
}
