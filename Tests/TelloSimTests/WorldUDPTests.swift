import Clocks
import Foundation
import Logs
import TelloSDK
@testable import TelloSim
import TestSupport
import Testing
import Wire

@Suite("Worlds over UDP")
struct WorldUDPTests {
    @Test func aCollisionIsRepliedAndShownInGroundTruthOnTheControlEndpoint() async throws {
        let harness = try await UDPHarness.make(world: WorldCollisionTests.room)
        let server = try HTTPServer(address: .loopback(), logger: Logger(component: "control", sink: MemorySink()),
                                    router: SimulatorControl.router(for: [harness.drone]))
        try await harness.serving {
            try await withTeardown({ await server.shutdown() }) { () async throws in
                #expect(try await harness.ask("command") == "ok")
                #expect(try await harness.takeOff() == "ok")
                try await harness.send("forward 500")
                try await harness.waitForActivity("move")
                await harness.fly(for: .seconds(2))
                #expect(try await harness.reply() == "error Run timeout")
                let response = try await SimulatorControlTests.request("GET", "/drones/0/truth", to: server)
                let truth = try JSONDecoder().decode(GroundTruth.self, from: Data(response.body))
                #expect(abs(truth.x - 190) < 1e-6 && truth.flying)
                #expect(truth.collisions == 1 && truth.lastCollision?.with == "pillar")
                let world = try await SimulatorControlTests.request("GET", "/drones/0/world", to: server)
                #expect(try World(json: Data(world.body), file: "endpoint") == WorldCollisionTests.room)
            }
        }
    }

    @Test func padsAreSeenInTheStateStreamAndGoFliesToThem() async throws {
        let harness = try await UDPHarness.make(world: MissionPadTests.room)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.takeOff() == "ok")
            #expect(try await harness.ask("mon") == "ok")
            try await harness.send("forward 100")
            try await harness.waitForActivity("move")
            await harness.fly(for: .seconds(1))
            #expect(try await harness.reply() == "ok")
            await harness.fly(for: .milliseconds(300))
            // State lines from during the move show the pad coming into view; those after it, pad 1 right overhead.
            let overhead = MissionPadState(mid: 1, x: 0, y: 0, z: 100)
            var seen: [MissionPadState] = []
            while seen.last != overhead, seen.count < 200 {
                let datagram = try await UDPHarness.receive(on: harness.states, within: 5)
                seen.append(try #require(try TelloState(line: String(decoding: datagram.bytes, as: UTF8.self)).missionPad))
            }
            #expect(seen.last == overhead)
            #expect(seen.contains(.notDetected) && seen.contains { $0.mid == 1 && $0.x < 0 }, "seen while approaching")
            try await harness.send("go 0 -150 80 50 m1")
            try await harness.waitForActivity("go")
            await harness.fly(for: .seconds(4))
            #expect(try await harness.reply() == "ok")
            let truth = await harness.drone.groundTruth
            #expect(abs(truth.x - 100) < 1e-6 && abs(truth.y + 150) < 1e-6 && abs(truth.z - 80) < 1e-6)
            #expect(await harness.drone.state.missionPad?.mid == 2)
        }
    }
}
