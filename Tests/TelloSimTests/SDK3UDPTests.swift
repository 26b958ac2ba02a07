import Clocks
import TelloSDK
import TelloSim
import Testing
import TestSupport
import Wire

/// SDK 3.0 (RoboMaster TT) against SDK 2.0 (plain Tello), over real UDP.
@Suite("SDK 3.0 over UDP")
struct SDK3UDPTests {
    @Test func theTTSpeaksSDK3() async throws {
        let harness = try await RealDroneUDPTests.realDrone(.tt)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("sdk?") == "30\r\n")
            #expect(try await harness.ask("keepalive") == "ok")
            #expect(try await harness.ask("motoron") == "ok")
            #expect(await harness.drone.groundTruth.motorsOn)
            #expect(await !harness.drone.groundTruth.flying)
            #expect(try await harness.ask("motoroff") == "ok")
            #expect(try await harness.ask("setfps high") == "ok")
            #expect(try await harness.ask("setresolution low") == "ok")
            #expect(try await harness.ask("setbitrate 9") == "out of range")
            #expect(try await harness.ask("EXT led 255 0 0") == "led ok")
            #expect(try await harness.ask("EXT tof?") == "tof 100")
        }
    }

    @Test func aRetryTagIsCarriedOutOnceAndItsAnswerRepeated() async throws {
        let harness = try await RealDroneUDPTests.realDrone(.tt)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("Re0001 battery?") == "Re0001 100\r\n")
            try await harness.send("Re0002 takeoff")
            try await harness.waitForActivity("takeoff")
            try await harness.send("Re0002 takeoff")  // a retry while it runs: not a second takeoff
            await harness.fly(for: .seconds(6))
            #expect(try await harness.reply() == "Re0002 ok")
            #expect(try await harness.ask("Re0002 takeoff") == "Re0002 ok", "the answer again, nothing flown")
            #expect(await harness.drone.groundTruth.activity == nil)
            try await harness.send("Re0003 up 20")
            try await harness.waitForActivity("move")
            await harness.fly(for: .seconds(3))
            #expect(try await harness.reply() == "Re0003 ok", "a new tag is a new command")
        }
    }

    @Test func aPlainTelloDoesNotKnowSDK3() async throws {
        let harness = try await RealDroneUDPTests.realDrone(.tello)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("sdk?") == "20\r\n")
            #expect(try await harness.ask("keepalive") == "unknown command: keepalive")
            #expect(try await harness.ask("motoron") == "unknown command: motoron")
            #expect(try await harness.ask("Re0001 battery?") == "unknown command: Re0001")
        }
    }

    @Test func motorOnKeepsATTFromOverheating() async throws {
        let harness = try await RealDroneUDPTests.realDrone(.tt)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("motoron") == "ok")
            for _ in 0..<5 {
                await harness.fly(for: .seconds(60))
                #expect(try await harness.ask("keepalive") == "ok")
            }
            #expect(!harness.logs.lines.contains { $0.contains("switched itself off") })
        }
    }
}
