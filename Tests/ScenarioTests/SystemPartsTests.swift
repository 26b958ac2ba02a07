import Bridge3002
import Bridge3002Mocks
import Clocks
import Foundation
import HTTPCodec
import JSONValue
import Logs
import Sockets
import TelloSim
import Testing
import Wire

@testable import Scenario

@Suite("Simulator faults as the simulator's own")
struct SimulatorFaultEffectTests {
    @Test func lossFollowsItsDirection() {
        guard case .plan(let toDrone) = SimulatorFault.loss(direction: .toDrone, rate: 0.3).effect(on: FaultPlan()),
            case .plan(let fromDrone) = SimulatorFault.loss(direction: .fromDrone, rate: 0.4).effect(on: FaultPlan()),
            case .plan(let both) = SimulatorFault.loss(direction: .both, rate: 0.5).effect(on: FaultPlan())
        else {
            Issue.record("loss must change the plan")
            return
        }
        #expect([toDrone.commandLoss, toDrone.replyLoss, toDrone.stateLoss] == [0.3, 0, 0])
        #expect([fromDrone.commandLoss, fromDrone.replyLoss, fromDrone.stateLoss] == [0, 0.4, 0.4])
        #expect([both.commandLoss, both.replyLoss, both.stateLoss] == [0.5, 0.5, 0.5])
    }

    @Test func faultsAccumulateUntilCleared() {
        var plan = FaultPlan()
        for fault in [SimulatorFault.replyDelay(.milliseconds(1500)), .lateReplies, .duplicateReplies(rate: 1), .forcedReply(command: "takeoff", reply: "error Motor stop"), .linkDown] {
            guard case .plan(let next) = fault.effect(on: plan) else {
                Issue.record("\(fault) must change the plan")
                return
            }
            plan = next
        }
        #expect(plan.replyDelayMilliseconds == 1500)
        #expect(plan.lateReplies)
        #expect(plan.duplicateReplies == 1)
        #expect(plan.forcedReplies == ["takeoff": "error Motor stop"])
        #expect(plan.linkDown)
        guard case .plan(let up) = SimulatorFault.linkUp.effect(on: plan) else { return }
        #expect(!up.linkDown && up.lateReplies)
        #expect(SimulatorFault.clear.effect(on: plan) == .plan(FaultPlan()))
    }

    @Test func droneEventsAreNotPlanChanges() {
        #expect(SimulatorFault.battery(percent: 9).effect(on: FaultPlan()) == .setBattery(9))
        #expect(SimulatorFault.motorStop.effect(on: FaultPlan()) == .cutMotors)
    }
}

@Suite("3002 mock driven by a backend script")
struct BackendScriptMockTests {
    /// The status of one POST, or nil when the mock closed or refused it; the
    /// timeout is only a bound for a broken mock (no answer here waits for it),
    /// wide because a loaded machine can starve a full test run for seconds.
    func post(_ mock: Backend3002Mock) async -> Int? {
        let request = HTTPRequest(method: "POST", target: "/api/ai-analysis", headers: ["Content-Type": "application/json"], body: Array(#"{"type":"ai_analysis","data":{}}"#.utf8))
        return try? await HTTPClient.send(request, to: mock.baseURL + "/api/ai-analysis", timeout: .seconds(30)).status
    }

    @Test func responsesInOrderThenTheFallback() async throws {
        let mock = try Backend3002Mock(logger: Logger(component: "t", sink: MemorySink()))
        await BackendScript(responses: [.reply(status: 500), .close], then: .reply(status: 201)).load(into: mock)
        #expect(await post(mock) == 500)
        #expect(await post(mock) == nil)
        #expect(await post(mock) == 201)
        let seen = mock.requests.map(\.json)
        #expect(seen.count == 3)
        #expect(seen.first?["path"] == "/api/ai-analysis")
        #expect(seen.first?["body"]?["type"] == "ai_analysis")
        #expect(seen.map { $0["answered"] } == [500, "close", 201])
        await mock.shutdown()
    }

    /// Down is a refusal on the mock's own port, held while it is down: a
    /// server started meanwhile (another test's, on port 0) can never take
    /// the port and answer in the mock's place.
    @Test func whileDownThePortIsHeldSoNoOtherServerTakesIt() async throws {
        let mock = try Backend3002Mock(logger: Logger(component: "t", sink: MemorySink()))
        await mock.goDown()
        #expect(throws: (any Error).self, "the port is held") { try TCPListener.bind(.loopback(port: mock.port)).close() }
        #expect(await post(mock) == nil, "refused")
        try mock.goUp()
        #expect(await post(mock) == 200)
        await mock.shutdown()
        // Shut down for good: the port is let go.
        try TCPListener.bind(.loopback(port: mock.port)).close()
    }

    @Test func aScriptCanStartDown() async throws {
        let mock = try Backend3002Mock(logger: Logger(component: "t", sink: MemorySink()))
        await BackendScript(down: true).load(into: mock)
        #expect(await post(mock) == nil)
        try mock.goUp()
        #expect(await post(mock) == 200)
        await mock.shutdown()
    }
}
