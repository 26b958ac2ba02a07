import Agent
import Clocks
import Foundation
import JSONValue
import Logs
import TestSupport
import Testing
import Wire

/// Replies and log lines quote client input bounded: a huge `action` or
/// `type` costs its sender an error, not every other client its connection,
/// and cannot flood or forge the log.
@Suite struct AgentEchoTests {
    /// Bytes a reply quoting `Echo.limit` scalars of input may take, with room for the rest of the message.
    static let replyBound = 4 * Echo.limit * 3 + 1024

    @Test func aHugeActionIsQuotedBoundedToTheSenderAndTheOthers() async throws {
        try await AgentHarness.with { rig in
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
        }
    }

    @Test func aHugeUnknownTypeIsQuotedBoundedAndLoggedBounded() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            let type = "t\r\nerror agent: forged " + String(repeating: "y", count: 1 << 20)
            let reply = try await client.request(type, id: "t1", within: 30)
            #expect(reply.text.utf8.count < Self.replyBound, "got \(reply.text.utf8.count) bytes")
            #expect(reply["type"]?.stringValue?.hasSuffix("bytes]_response") == true)
            #expect(reply["error"]?.stringValue?.hasPrefix("未知消息类型: t\r\nerror agent: forged yyy") == true)
            let lines = rig.logs.lines
            #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") && $0.utf8.count < 8192 })
            #expect(lines.contains { $0.hasPrefix("info agent: request") && $0.contains(#"type="t\r\nerror agent: forged yyy"#) })
        }
    }

    @Test func aBadParameterValueIsQuotedBounded() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            let far = String(repeating: "far", count: 100_000)
            let reply = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": .string(far)]])
            #expect(reply.text.utf8.count < Self.replyBound, "got \(reply.text.utf8.count) bytes")
            #expect(reply["error"]?.stringValue?.contains("distance") == true)
        }
    }

    /// Over the wire: ids come back as written, also on errors for frames that are not quite JSON.
    @Test func idsComeBackAsWrittenOverTheWire() async throws {
        try await AgentHarness.with { rig in
            let stream = try await rig.simulation.network.connect(to: rig.agent.address)
            let connection = try await WebSocketConnection.connect(to: rig.url, over: stream, time: rig.time, random: SeededRandom(seed: 1))
            let frames = [
                (#"{"type":"get_status","id":9007199254740993}"#, #""id":9007199254740993,"#),
                (#"{"type":"get_status","id":-0}"#, #""id":-0,"#),
                (#"{"type":"get_status","id":1.0}"#, #""id":1.0,"#),
                (#"{"type":"get_status","data":{"x":1e309},"id":12345678901234567890}"#, #""error":"无效的JSON格式","id":12345678901234567890,"#),
                (#"{"type":"get_status","data":{"s":"\ud800"},"id":"sur"}"#, #""error":"无效的JSON格式","id":"sur","#),
            ]
            for (frame, expected) in frames {
                _ = await connection.send(text: frame)
                let reply = try await within(10, "a reply to \(frame)") { () -> String in
                    while let message = await connection.receive() {
                        if case .text(let text) = message, text.contains(#""id":"#) { return text }
                    }
                    Issue.record("the connection ended before a reply to \(frame)")
                    return ""
                }
                #expect(reply.contains(expected), "\(frame) -> \(reply)")
            }
            await connection.close(code: .normalClosure, reason: "")
        }
    }
}
