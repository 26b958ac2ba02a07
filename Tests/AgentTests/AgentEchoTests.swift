import Agent
import Foundation
import JSONValue
import Logs
import Testing

/// Replies and log lines quote client input bounded: a huge `action` or
/// `type` costs its sender an error, not every other client its connection,
/// and cannot flood or forge the log.
@Suite struct AgentEchoTests {
    /// Bytes a reply quoting `Echo.limit` scalars of input may take, with room for the rest of the message.
    static let replyBound = 4 * Echo.limit * 3 + 1024

    @Test func aHugeActionIsQuotedBoundedToTheSenderAndTheOthers() async throws {
        let rig = try await AgentHarness.start()
        let sender = try await rig.client()
        let other = try await rig.client()
        _ = try await other.first(type: "connection_established")
        let action = String(repeating: "x", count: 9 << 20)
        let reply = try await sender.request("drone_command", ["action": .string(action)], id: "huge", within: 30)
        #expect(reply["success"] == false)
        #expect(reply.text.utf8.count < Self.replyBound, "got \(reply.text.utf8.count) bytes")
        let error = reply["error"]?.stringValue ?? ""
        #expect(error.hasPrefix("未知动作: xxx") && error.hasSuffix("…[+\((9 << 20) - Echo.limit) bytes]"))
        let seen = try await other.first(within: 30, "the broadcast") { $0["id"] == "huge" }
        #expect(seen == reply)
        #expect(try await other.request("get_status")["message"] != nil, "the other client is still connected")
        await rig.agent.shutdown()
    }

    @Test func aHugeUnknownTypeIsQuotedBoundedAndLoggedBounded() async throws {
        let rig = try await AgentHarness.start()
        let client = try await rig.client()
        let type = "t\r\nerror agent: forged " + String(repeating: "y", count: 1 << 20)
        let reply = try await client.request(type, id: "t1", within: 30)
        #expect(reply.text.utf8.count < Self.replyBound, "got \(reply.text.utf8.count) bytes")
        #expect(reply["type"]?.stringValue?.hasSuffix("bytes]_response") == true)
        #expect(reply["error"]?.stringValue?.hasPrefix("未知消息类型: t\r\nerror agent: forged yyy") == true)
        let lines = rig.logs.lines
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") && $0.utf8.count < 8192 })
        #expect(lines.contains { $0.hasPrefix("info agent: request") && $0.contains(#"type="t\r\nerror agent: forged yyy"#) })
        await rig.agent.shutdown()
    }

    @Test func aBadParameterValueIsQuotedBounded() async throws {
        let rig = try await AgentHarness.start()
        let client = try await rig.client()
        let far = String(repeating: "far", count: 100_000)
        let reply = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": .string(far)]])
        #expect(reply.text.utf8.count < Self.replyBound, "got \(reply.text.utf8.count) bytes")
        #expect(reply["error"]?.stringValue?.contains("distance") == true)
        await rig.agent.shutdown()
    }
}
