import Clocks
import Foundation
import Logs
import Testing
import TelloSDK
@testable import TelloSim
import Wire

@Suite("Worlds over UDP")
struct WorldUDPTests {
    @Test func aCollisionIsRepliedAndShownInGroundTruthOnTheControlEndpoint() async throws {
        let harness = try await UDPHarness.make(world: WorldCollisionTests.room)
        let server = try HTTPServer(address: .loopback(), logger: Logger(component: "control", sink: MemorySink()),
                                    router: SimulatorControl.router(for: [harness.drone]))
        try await withTeardown({ await server.shutdown(); await harness.stop() }) { () async throws in
            #expect(try await harness.ask("command") == "ok")
            try await harness.send("takeoff")
            try await harness.waitForActivity("takeoff")
            await harness.fly(for: .seconds(5))
            #expect(try await harness.reply() == "ok")
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
