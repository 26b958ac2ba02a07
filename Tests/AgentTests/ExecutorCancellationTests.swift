import Agent
import JSONValue
import TestSupport
import Testing

/// A cancelled plan names what cancelled it: an emergency, a disconnect or the agent shutting down.
@Suite struct ExecutorCancellationTests {
    func hoveringPlan(_ rig: RouterRig) async throws {
        try await eventually("the hover step", within: 5) { rig.broadcasts.all.contains { $0["data"]?["action"] == "hover" } }
    }

    @Test func aPlanCancelledByShutdownSaysShutdown() async throws {
        let rig = RouterRig()
        try await rig.connected {
            async let order = rig.send("natural_language_command", ["command": "起飞，悬停10秒，然后降落"])
            try await hoveringPlan(rig)
            await rig.router.executor.shutdown()
            let reply = await order
            let shutdown = JSONValue.string(AgentText.cancelledByShutdown.render(.chinese))
            #expect(reply["success"] == false)
            #expect(reply["message"] == shutdown)
            #expect(reply["execution_results"]?.arrayValue?.last?["error"] == shutdown)
            let late = await rig.send("drone_command", ["action": "land"])
            #expect(late["error"] == .string(AgentText.shuttingDown.render(.chinese)), "nothing flies after shutdown began")
        }
    }

    @Test func duringShutdownNewRequestsAreRefusedWaitingOnesCancelledAndEmergenciesStillGo() async throws {
        let rig = RouterRig()
        try await rig.connected {
            let waiting = AgentRequest(type: "drone_command", data: ["action": "takeoff"], id: "early")
            let early = rig.router.admit(waiting)
            await rig.router.executor.shutdown()
            let refused = await rig.send("get_status", id: "late")
            #expect(refused["success"] == false)
            #expect(refused["error"] == .string(AgentText.shuttingDown.render(.chinese)))
            #expect(refused["id"] == "late")
            let cancelled = await rig.router.handle(waiting, admitted: early)
            #expect(cancelled["error"] == .string(AgentText.cancelledByShutdown.render(.chinese)))
            #expect(await rig.send("emergency")["success"] == true)
            // Sent and not waited for (real drones never answer it): the datagram may leave just after the reply.
            try await eventually("the emergency datagram") { rig.tello.sent.last == "emergency" }
            #expect(rig.logs.records.contains { $0.message == "request refused: shutting down" })
        }
    }

    /// The answer to a plan that was hovering when `request` came.
    func planInterrupted(by request: String, _ rig: RouterRig) async throws -> JSONValue {
        async let order = rig.send("natural_language_command", ["command": "起飞，悬停10秒，然后降落"])
        try await hoveringPlan(rig)
        _ = await rig.send(request)
        return await order
    }

    @Test func aPlanCancelledByDisconnectSaysDisconnect() async throws {
        let rig = RouterRig()
        try await rig.connected {
            let reply = try await planInterrupted(by: "disconnect_drone", rig)
            #expect(reply["message"] == .string(AgentText.cancelledByDisconnect.render(.chinese)))
        }
    }

    @Test func aPlanCancelledByEmergencySaysEmergency() async throws {
        let rig = RouterRig()
        try await rig.connected {
            let reply = try await planInterrupted(by: "emergency", rig)
            #expect(reply["message"] == .string(AgentText.planCancelled.render(.chinese)))
            #expect(rig.tello.sent.last == "emergency")
        }
    }

    @Test func aSingleHoverIsCutShortByAnEmergency() async throws {
        let rig = RouterRig()
        try await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            let sleepers = rig.time.sleeperCount  // the link's one timer
            let answers = MessageLog()
            async let hover: Void = answers.append(await rig.send("drone_command", ["action": "hover", "parameters": ["seconds": 60]]))
            try await eventually("the hover asleep on the clock", within: 5) { rig.time.sleeperCount > sleepers }
            _ = await rig.send("emergency")
            try await eventually("the hover's answer", within: 5) { !answers.all.isEmpty }
            #expect(answers.all.first?["error"] == .string(AgentText.planCancelled.render(.chinese)))
            await hover
        }
    }
}
