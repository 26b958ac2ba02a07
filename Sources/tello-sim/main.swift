import Clocks
import Foundation
import Logs
import Sockets
import TelloSim
import Wire

// tello-sim: argument parsing and wiring only; the simulator lives in TelloSim.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tello-sim: \(message)\n(see tello-sim --help)\n".utf8))
    exit(2)
}

func announce(_ address: SocketAddress) {
    // Unbuffered, so a script waiting for this line sees it at once.
    FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
}

let options: SimulatorCommandLine
do {
    options = try SimulatorCommandLine(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    fail(error.message)
}
if options.help {
    FileHandle.standardOutput.write(Data(SimulatorCommandLine.usage.utf8))
    exit(0)
}

for warning in options.warnings {
    FileHandle.standardError.write(Data("tello-sim: warning: \(warning)\n".utf8))
}
let logger = Logger(component: "tello-sim", minimumLevel: options.logLevel)
let time = SystemTime(scale: options.timeScale)
let video: VideoSource
do { video = try options.video.source() } catch { fail("--video: \(error)") }

var world = World.standard
if let path = options.worldPath {
    do { world = try World(file: path) } catch { fail("bad world file: \(error)") }
}

var drones: [SimulatedTello] = []
for index in 0..<options.drones {
    var configuration = SimulatedTello.Configuration()
    configuration.statePort = options.statePort
    configuration.videoPort = options.videoPort
    configuration.faults = options.faults
    configuration.seed = options.seed &+ UInt64(index)
    configuration.video = video
    configuration.joinsMidGOP = options.joinsMidGOP
    configuration.world = world
    configuration.parameters = options.parameters
    let name = options.drones == 1 ? "tello-sim" : "tello-sim[\(index)]"
    let drone = SimulatedTello(configuration: configuration, time: time, logger: logger.named(name))
    do {
        let address = try options.commandAddress(ofDrone: index)
        let flag = options.consecutiveAddresses ? "--bind" : "--command-port"
        do {
            announce(try await drone.bind(host: address.host, commandPort: address.port))
        } catch {
            throw BindFailure.explain(error, "the command socket of drone \(index) (UDP)", at: address, portFlag: flag,
                                      usualSuspect: "another tello-sim or a drone program")
        }
    } catch {
        fail("cannot start drone \(index): \(error)")
    }
    drones.append(drone)
}

var control: HTTPServer?
if let port = options.controlPort {
    guard let address = SocketAddress(host: options.controlHost, port: port) else {
        fail("--control-host '\(options.controlHost)' is not an IPv4 address")
    }
    do {
        control = try BindFailure.explaining("the control endpoint (HTTP)", at: address, portFlag: "--control-port",
                                             usualSuspect: "another tello-sim") {
            try HTTPServer(address: address, time: SystemTime(), logger: logger.named("tello-sim-control"),
                           router: SimulatorControl.router(for: drones))
        }
        announce(control!.localAddress)
    } catch {
        fail("cannot start the control endpoint: \(error)")
    }
}

// Serve until killed (SIGINT/SIGTERM end the process; UDP needs no goodbye),
// every drone's loops children of this one task.
await withTaskGroup(of: Void.self) { group in
    for drone in drones { group.addTask { await drone.run() } }
}
