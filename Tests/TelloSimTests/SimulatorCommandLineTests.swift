import Testing
import TelloSim

@Suite("tello-sim command line")
struct SimulatorCommandLineTests {
    @Test func defaultsAreTheDrones() throws {
        let options = try SimulatorCommandLine(arguments: [])
        #expect(options.bind == "0.0.0.0" && options.commandPort == 8889 && options.statePort == 8890 && options.videoPort == 11111)
        #expect(options.timeScale == 1 && options.controlPort == nil && options.drones == 1 && options.faults == FaultPlan())
        #expect(options.video == .render && !options.joinsMidGOP)
        // The real drone by default: a plain Tello with its quirks.
        #expect(options.model == .tello && !options.exact && options.parameters == .realDrone(.tello))
    }

    @Test func modelAndExactChooseTheParameters() throws {
        let options = try SimulatorCommandLine(arguments: ["--model", "tt", "--exact", "--battery", "40", "--junk-datagrams"])
        var expected = FlightParameters.exact(.tt)
        expected.initialBattery = 40
        #expect(options.parameters == expected && expected.sdkVersion == 30)
        #expect(options.faults.junkDatagrams)
        #expect(try SimulatorCommandLine(arguments: ["--model", "edu"]).parameters == .realDrone(.edu))
    }

    @Test func videoNamesASourceOrAFile() throws {
        #expect(try SimulatorCommandLine(arguments: ["--video", "clip"]).video == .clip)
        #expect(try SimulatorCommandLine(arguments: ["--video=off"]).video == .off)
        #expect(try SimulatorCommandLine(arguments: ["--video", "render"]).video == .render)
        #expect(try SimulatorCommandLine(arguments: ["--video", "my.h264"]).video == .file("my.h264"))
        // A file that is not there is refused by name when the source is made (before anything binds).
        #expect(throws: CommandLineError("/nonexistent/x.h264 is not a readable H.264 Annex-B file (and not render, clip or off)")) {
            try VideoChoice.file("/nonexistent/x.h264").source()
        }
        guard case .clip = try VideoChoice.clip.source() else { Issue.record("clip is not the bundled clip"); return }
        guard case .render = try VideoChoice.render.source() else { Issue.record("render is not the camera"); return }
    }

    @Test func everyOptionIsRead() throws {
        let options = try SimulatorCommandLine(arguments: [
            "--bind", "127.0.0.2", "--command-port=0", "--state-port", "9890", "--video-port", "9111",
            "--time-scale", "10", "--seed", "9", "--control-port", "0", "--drones", "3", "--battery", "40",
            "--command-loss", "0.25", "--reply-loss", "0.5", "--state-loss", "1", "--reply-delay-ms", "300",
            "--late-replies", "--duplicate-replies", "0.1", "--force-reply", "takeoff=error No valid imu",
            "--link-down", "--log-level", "debug", "--video", "clip.h264", "--consecutive-addresses",
            "--join-mid-gop", "--video-loss", "0.05",
        ])
        #expect(options.bind == "127.0.0.2" && options.commandPort == 0 && options.statePort == 9890)
        #expect(options.videoPort == 9111 && options.timeScale == 10 && options.seed == 9 && options.controlPort == 0)
        #expect(options.drones == 3 && options.battery == 40 && options.video == .file("clip.h264") && options.consecutiveAddresses)
        #expect(options.joinsMidGOP)
        var faults = FaultPlan()
        faults.commandLoss = 0.25
        faults.replyLoss = 0.5
        faults.stateLoss = 1
        faults.replyDelayMilliseconds = 300
        faults.lateReplies = true
        faults.duplicateReplies = 0.1
        faults.forcedReplies = ["takeoff": "error No valid imu"]
        faults.linkDown = true
        faults.videoLoss = 0.05
        #expect(options.faults == faults)
    }

    @Test(arguments: [
        (["--bogus"], "unknown option '--bogus'"),
        (["--command-port"], "--command-port needs a value"),
        (["--command-port", "70000"], "--command-port: expected a port from 0 to 65535, got '70000'"),
        (["--time-scale", "0"], "--time-scale: expected a number from 0.01 to 100, got '0'"),
        (["--drones", "0"], "--drones: expected a whole number from 1 to 64, got '0'"),
        (["--drones", "2", "--command-port", "65535"], "--drones 2 from port 65535 runs past 65535"),
        (["--consecutive-addresses"], "--consecutive-addresses needs a specific --bind address, not 0.0.0.0"),
        (["--bind", "nowhere"], "--bind 'nowhere' is not an IPv4 address"),
        (["--control-port", "0", "--control-host", "nowhere"], "--control-host 'nowhere' is not an IPv4 address"),
        (["--command-loss", "1.5"], "--command-loss: expected a number from 0 to 1, got '1.5'"),
        (["--video-loss", "-0.1"], "--video-loss: expected a number from 0 to 1, got '-0.1'"),
        (["--video"], "--video needs a value"),
        (["--force-reply", "=ok"], "--force-reply expects CMD=REPLY, got '=ok'"),
        (["--log-level", "loud"], "unknown log level 'loud'"),
        (["--model", "mavic"], "--model must be one of tello, edu, tt, got 'mavic'"),
    ])
    func badArgumentsAreNamed(arguments: [String], message: String) {
        #expect(throws: CommandLineError(message)) { try SimulatorCommandLine(arguments: arguments) }
    }

    @Test func dronesTakeConsecutivePortsOrAddresses() throws {
        let options = try SimulatorCommandLine(arguments: ["--drones", "3", "--command-port", "9000"])
        #expect(try options.commandAddress(ofDrone: 2).description == "0.0.0.0:9002")
        let picking = try SimulatorCommandLine(arguments: ["--command-port", "0", "--bind", "127.0.0.1"])
        #expect(try picking.commandAddress(ofDrone: 5).description == "127.0.0.1:0")
        let swarm = try SimulatorCommandLine(arguments: ["--drones", "3", "--bind", "127.0.0.2", "--consecutive-addresses"])
        #expect(try swarm.commandAddress(ofDrone: 2).description == "127.0.0.4:8889")
    }

    @Test func helpIsRecognised() throws {
        #expect(try SimulatorCommandLine(arguments: ["--help"]).help)
        #expect(try SimulatorCommandLine(arguments: ["-h"]).help)
        #expect(SimulatorCommandLine.usage.contains("--control-port"))
    }
}
