// tello-agent: argument parsing and wiring only (see AgentAssembly.TelloAgent).
import AgentAssembly
import Bridge3002
import Foundation
import Lifetimes
import Logs
import TelloSim

let environment = ProcessInfo.processInfo.environment
let options: AgentOptions
do {
    switch try AgentOptions.parse(Array(CommandLine.arguments.dropFirst()), environment: environment) {
    case .help:
        FileHandle.standardOutput.write(Data((AgentOptions.help + "\n").utf8))
        exit(0)
    case .run(let parsed):
        options = parsed
    }
} catch {
    FileHandle.standardError.write(Data("tello-agent: \(error)\n".utf8))
    exit(2)
}

var simulator = SimulatedTello.Configuration()
do { simulator.video = try options.simulatorVideo.source() } catch {
    FileHandle.standardError.write(Data("tello-agent: --sim-video: \(error)\n".utf8))
    exit(2)
}
simulator.parameters = options.simulatorParameters
if let path = options.worldPath {
    do { simulator.world = try World(file: path) } catch {
        FileHandle.standardError.write(Data("tello-agent: --world: \(error)\n".utf8))
        exit(2)
    }
}

var sinks: [any LogSink] = [StandardErrorSink.shared]
if let path = options.logFile {
    do { sinks.append(try FileSink(path: path)) } catch {
        FileHandle.standardError.write(Data("tello-agent: cannot open log file \(path): \(error)\n".utf8))
        exit(2)
    }
}
let logger = Logger(component: "tello-agent", minimumLevel: options.logLevel, sink: FanOutSink(sinks))
for warning in options.warnings {
    // Logged (stderr and --log-file); said on stderr even when --log-level hides warnings.
    logger.warning(warning)
    if options.logLevel > .warning { FileHandle.standardError.write(Data("tello-agent: warning: \(warning)\n".utf8)) }
}

// Listening before anything starts, so a signal during startup is not lost.
let signals = StopSignals()

let agent: TelloAgent
do {
    agent = try await TelloAgent.start(options, environment: environment, time: options.flightClock,
                                       networkTime: options.networkClock, logger: logger, simulator: simulator)
} catch let unusable as OutboxFile.Unreadable {
    // The operator's file, not a fault of the agent: said plainly, like a bad flag.
    FileHandle.standardError.write(Data("tello-agent: \(unusable)\n".utf8))
    exit(2)
} catch {
    logger.error("could not start", ("error", "\(error)"))
    exit(1)
}
var banner = "listening on \(agent.address)\n"
if agent.simulator != nil {
    banner += "flying the embedded simulator at \(agent.droneAddress) (use --drone HOST for a real Tello)\n"
} else {
    banner += "flying the drone at \(agent.droneAddress)\n"
}
FileHandle.standardOutput.write(Data(banner.utf8))
// Every part runs as a child of this call until a signal; it returns once all of them have ended.
let report = await agent.run(until: signals.names)
logger.info("stopped", ("trigger", report.trigger), ("clean", report.isClean))
exit(report.isClean ? 0 : 1)
