import Agent
import Clocks
import Dispatch
import Foundation
import JSONValue
import Lifetimes
import Logs
import Planner
import Sockets
import TestSupport
import Testing

/// A planner that counts its work and holds its thread until released (or
/// 5 s, so a broken build fails instead of hanging): a stand-in for an order
/// that takes long to compute.
final class HoldingPlanner: ComputingPlanner, @unchecked Sendable {
    // @unchecked Sendable: the counters are only touched under `lock`; DispatchSemaphore is thread-safe.
    private let lock = NSLock()
    private var started = 0
    private var finished = 0
    private var gaveUp = 0
    private let gate = DispatchSemaphore(value: 0)
    let holds: Bool

    init(holds: Bool = true) { self.holds = holds }

    var plans: Int { lock.withLock { started } }
    var inProgress: Int { lock.withLock { started - finished } }
    /// Orders whose hold ran out before the test released them.
    var timedOut: Int { lock.withLock { gaveUp } }

    func planNow(_ order: String) throws(PlanningError) -> Plan {
        lock.withLock { started += 1 }
        defer { lock.withLock { finished += 1 } }
        if holds, gate.wait(timeout: .now() + 5) == .timedOut { lock.withLock { gaveUp += 1 } }
        return try OfflinePlanner().planNow(order)
    }

    func release(_ count: Int) { for _ in 0..<count { gate.signal() } }
}

/// Always the same planner; settings cannot change.
struct FixedPlannerChoice: PlannerChoice {
    let chosen: any Planner
    func planner() async -> any Planner { chosen }
    func settings() async -> (provider: String, model: String) { ("test", "fixed") }
    func update(_ data: [String: JSONValue]) async -> Result<(provider: String, model: String), PlanningError> {
        .failure(PlanningError("fixed planner"))
    }
}

@Suite struct PlanningLimitsTests {
    @Test func anOrderOverTheLimitIsRefusedBeforeAnyPlanning() async {
        let planner = HoldingPlanner(holds: false)
        let rig = RouterRig(planners: FixedPlannerChoice(chosen: planner))
        await rig.running {
            let huge = String(repeating: "飞", count: 3 * 1024 * 1024)  // 9 MiB of one unknown word
            let refused = await rig.send("natural_language_command", ["command": .string(huge)], id: "big")
            #expect(refused["success"] == false)
            #expect(refused["id"] == "big")
            #expect(refused["error"] == .string(AgentText.orderTooLong(bytes: huge.utf8.count, limit: OrderLimit.maximumBytes).render(.chinese)))
            #expect(planner.plans == 0, "no planning work at all")
            let atLimit = "起飞" + String(repeating: " ", count: OrderLimit.maximumBytes - "起飞".utf8.count)
            let planned = await rig.send("natural_language_command", ["command": .string(atLimit)])
            #expect(planned["success"] == true)
            #expect(planner.plans == 1)
        }
    }

    @Test func theOfflinePlannerRefusesLongOrdersNamingTheLimit() {
        let order = String(repeating: "a", count: OrderLimit.maximumBytes + 1)
        #expect(throws: PlanningError("the order is too long: 4097 bytes, the limit is 4096 bytes")) {
            try OfflinePlanner().planNow(order)
        }
    }

    @Test func otherClientsAndAnEmergencyAreServedWhileOrdersArePlanned() async throws {
        let tello = FakeTello()
        let logger = Logger(component: "agent", minimumLevel: .warning, sink: MemorySink())
        let link = DroneLink(transport: tello, time: SystemTime(), logger: logger)
        let drone = Drone(link: link, time: SystemTime(), logger: logger)
        let executor = Executor(drone: drone, time: SystemTime(), pause: .zero, logger: logger) { _ in }
        let planner = HoldingPlanner()
        let router = RequestRouter(drone: drone, executor: executor, planners: FixedPlannerChoice(chosen: planner), logger: logger) { _ in }
        try await withRunning({ await drone.run() }) {
            #expect(await router.handle(AgentRequest(type: "connect_drone"))["success"] == true)
            let server = try AgentServer.start(on: SocketAddress(host: "127.0.0.1", port: 0)!, router: router, access: AccessPolicy(),
                                               time: SystemTime(), logger: logger)
            let url = "ws://\(server.localAddress)/"
            // More orders than the cooperative pool has threads, each from its own client.
            let orders = ProcessInfo.processInfo.activeProcessorCount + 1
            var pilots: [TestClient] = []
            for i in 0..<orders {
                let pilot = try await TestClient(url: url, headers: [:])
                await pilot.send(["type": "natural_language_command", "data": ["command": "起飞"], "id": .string("o\(i)")])
                pilots.append(pilot)
        }
        try await eventually("planning under way", within: 5) { planner.inProgress > 0 }
        let observer = try await TestClient(url: url, headers: [:])
        let status = try await observer.request("get_status", within: 10)
        #expect(status["status"]?["connected"] == true)
        let stop = try await observer.request("emergency", within: 10)
        #expect(stop["type"] == "emergency_response")
        #expect(tello.sent.contains("emergency"))
        #expect(planner.timedOut == 0, "answered while the orders were still being planned")
        planner.release(orders)
        for pilot in pilots {
            _ = try await pilot.first(within: 10, "the order's answer") { $0["type"] == "natural_language_command_response" }
        }
        await server.close()
        }
    }
}
