import Agent
import AgentAssembly
import Clocks
import JSONValue
import Logs
import Testing
import TestSupport

/// A client that floods the agent with bad or refused messages gets every
/// answer, but the log gets one line a second per kind with the count of the
/// lines it left out: log volume must not follow a client's sending rate.
@Suite struct AgentFloodLogTests {
    @Test func aFloodOfBadMessagesIsAnsweredInFullAndLoggedOncePerSecond() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            for _ in 0..<200 { await client.send(raw: "{not json") }
            try await eventually("200 errors") { client.received.filter { $0["type"] == "error" }.count == 200 }
            #expect(rig.records("bad message").count == 1, "one line for a burst in the same second")

            try await rig.time.sleep(for: .seconds(1.5))
            await client.send(raw: "{still not json")
            try await eventually("the 201st error") { client.received.filter { $0["type"] == "error" }.count == 201 }
            let lines = try await rig.records("bad message", atLeast: 2)
            #expect(lines.count == 2)
            #expect(lines.last?.fields.first { $0.key == "unsaid" }?.value == "199", "the next line counts what was left out")
        }
    }

    @Test func refusalsOfAFullQueueAreLoggedOncePerSecond() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            // A takeoff holds the ordered lane for seconds; the 16 behind it fill the queue.
            for index in 0..<60 {
                await client.send(["type": "drone_command", "data": ["action": "takeoff"], "id": .string("t\(index)")])
            }
            let refusal = JSONValue.string(AgentText.tooManyQueued(16).render(.chinese))
            try await eventually("refusals") { client.received.filter { $0["error"] == refusal }.count >= 40 }
            #expect(rig.records("request refused: too many queued").count == 1)
        }
    }

    /// A client polling reads is one info line a second, with the count left
    /// unsaid (each read is still at debug); every order is its own line.
    @Test func pollingReadsAreOneInfoLineASecondAndEveryOrderIsALine() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            for _ in 0..<50 { _ = try await client.request("drone_command", ["action": "get_battery"]) }
            let info = { rig.records("request").filter { $0.level == .info } }
            #expect(info().count == 1, "one info line for 50 reads in the same second")
            #expect(rig.records("request").filter { $0.level == .debug }.count == 49)
            #expect(info().first?.fields.first { $0.key == "action" }?.value == "get_battery")

            try await rig.time.sleep(for: .seconds(1.5))
            _ = try await client.request("drone_command", ["action": "get_battery"])
            #expect(info().last?.fields.first { $0.key == "unsaid" }?.value == "49")

            for _ in 0..<3 { _ = try await client.request("connect_drone") }
            #expect(info().filter { $0.fields.first { $0.key == "type" }?.value == "connect_drone" }.count == 3)
        }
    }
}
