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
        let rig = await RouterRig().connected()
        async let order = rig.send("natural_language_command", ["command": "起飞，悬停10秒，然后降落"])
        try await hoveringPlan(rig)
        await rig.router.executor.shutdown()
        let reply = await order
        let shutdown = JSONValue.string(AgentText.cancelledByShutdown.render(.chinese))
        #expect(reply["success"] == false)
        #expect(reply["message"] == shutdown)
        #expect(reply["execution_results"]?.arrayValue?.last?["error"] == shutdown)
        let late = await rig.send("drone_command", ["action": "land"])
        #expect(late["error"] == shutdown, "nothing flies after shutdown began")
    }

    @Test func aPlanCancelledByDisconnectSaysDisconnect() async throws {
        let rig = await RouterRig().connected()
        async let order = rig.send("natural_language_command", ["command": "起飞，悬停10秒，然后降落"])
        try await hoveringPlan(rig)
        _ = await rig.send("disconnect_drone")
        let reply = await order
        #expect(reply["message"] == .string(AgentText.cancelledByDisconnect.render(.chinese)))
    }

    @Test func aPlanCancelledByEmergencySaysEmergency() async throws {
        let rig = await RouterRig().connected()
        async let order = rig.send("natural_language_command", ["command": "起飞，悬停10秒，然后降落"])
        try await hoveringPlan(rig)
        _ = await rig.send("emergency")
        let reply = await order
        #expect(reply["message"] == .string(AgentText.planCancelled.render(.chinese)))
        #expect(rig.tello.sent.last == "emergency")
    }

    @Test func aSingleHoverIsCutShortByAnEmergency() async throws {
        let rig = await RouterRig().connected()
        _ = await rig.send("drone_command", ["action": "takeoff"])
        let sleepers = rig.time.sleeperCount  // the link's one timer
        let answers = MessageLog()
        let hover = Task { answers.append(await rig.send("drone_command", ["action": "hover", "parameters": ["seconds": 60]])) }
        try await eventually("the hover asleep on the clock", within: 5) { rig.time.sleeperCount > sleepers }
        _ = await rig.send("emergency")
        try await eventually("the hover's answer", within: 5) { !answers.all.isEmpty }
        #expect(answers.all.first?["error"] == .string(AgentText.planCancelled.render(.chinese)))
        hover.cancel()
    }
}
