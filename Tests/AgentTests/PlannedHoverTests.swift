import Agent
import JSONValue
import Testing
import TestSupport

/// A hover the planner plans is a hover the agent flies: both read the hover
/// range (0.1-60 s, tenths) from the one vocabulary table.
@Suite struct PlannedHoverTests {
    /// "悬停0.3秒" used to be planned (the planner's 0.1-60 s) and then refused
    /// by the agent as "not a positive number" (its own 1-60 whole seconds).
    @Test func aShortHoverThatIsPlannedIsFlown() async throws {
        try await RouterRig.simulated("planned-hover") { rig in try await rig.connected {
            let answers = MessageLog()
            let start = rig.time.now
            async let answered: Void = answers.append(await rig.send("natural_language_command", ["command": "起飞，悬停0.3秒，降落"]))
            try await eventually("the order's answer") { !answers.all.isEmpty }
            let finishedAt = rig.time.now
            await answered
            let answer = answers.all.first
            #expect(answer?["ai_analysis"]?["commands"]?.arrayValue?[1]["parameters"] == ["seconds": 0.3])
            #expect(answer?["success"] == true, "\(answer?.text ?? "no answer")")
            let hover = answer?["execution_results"]?.arrayValue?[1]
            #expect(hover?["success"] == true)
            #expect(hover?["data"]?["seconds"] == 0.3)
            #expect(hover?["message"] == "悬停 0.3 秒完成")
            #expect(finishedAt - start >= .milliseconds(300), "the hover waited its 0.3 s on the clock")
            #expect(rig.tello.sent.contains("land"))
        } }
    }

    @Test func aDirectHoverKeepsItsTenths() async throws {
        try await RouterRig.simulated("direct-hover") { rig in try await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            let answers = MessageLog()
            async let answered: Void = answers.append(await rig.send("drone_command", ["action": "hover", "parameters": ["seconds": 2.46]]))
            try await eventually("the hover's answer") { !answers.all.isEmpty }
            await answered
            #expect(answers.all.first?["success"] == true)
            #expect(answers.all.first?["data"]?["seconds"] == 2.5)
        } }
    }
}
