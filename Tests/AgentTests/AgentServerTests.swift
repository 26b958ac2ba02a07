import Agent
import Foundation
import JSONValue
import Logs
import TestSupport
import Testing
import WebSocketCodec
import Wire

/// The agent with WebSocket clients and the embedded simulator, in memory;
/// the first test runs over real sockets (TCP on port 0, loopback UDP) so the
/// serving, handshake and drone datagram path of the machine stays covered.
@Suite struct AgentServerTests {
    @Test func greetsThenAnswersEveryRequestType() async throws {
        try await LoopbackAgentHarness.with { rig in
            let client = try await rig.client()
            let hello = try await client.first(type: "connection_established")
            #expect(hello == ["type": "connection_established", "success": true, "message": "连接已建立，等待命令..."])

            let status = try await client.request("get_status")
            #expect(status["type"] == "get_status_response")
            #expect(status["status"]?["connected"] == false)
            let connect = try await client.request("connect_drone")
            #expect(connect["success"] == true)
            #expect(connect["battery"]?.intValue ?? 0 > 0)
            #expect(try await client.request("start_video")["success"] == true)
            #expect(try await client.request("stop_video")["success"] == true)
            let takeoff = try await client.request("drone_command", ["action": "takeoff"])
            #expect(takeoff["success"] == true)
            let move = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 30]])
            #expect(move["success"] == true)
            let order = try await client.request("natural_language_command", ["command": "向前飞行50厘米"])
            #expect(order["success"] == true)
            #expect(order["execution_results"]?.arrayValue?.count == 1)
            #expect(try await client.request("get_ai_settings")["settings"]?["ai_provider"] == "offline")
            #expect(try await client.request("update_ai_settings", ["provider": "offline"])["success"] == true)
            #expect(try await client.request("no_such_type")["error"] == "未知消息类型: no_such_type")
            let disconnect = try await client.request("disconnect_drone")
            #expect(disconnect["success"] == true)
            let truth = await rig.agent.simulator!.groundTruth
            #expect(!truth.flying, "disconnect lands first")
            #expect(abs(truth.x - 50) < 1, "the order flew 50 cm forward, once")
        }
    }

    @Test func malformedMessagesGetClearErrorsAndTheSessionGoesOn() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            await client.send(raw: "{not json")
            #expect(try await client.first(type: "error")["error"] == "无效的JSON格式")
            await client.send(raw: "[1,2,3]")
            await client.send(raw: #"{"type":42,"id":"x1"}"#)
            await client.send(raw: #"{"type":"get_status","data":"oops","id":"x2"}"#)
            let x1 = try await client.first("x1") { $0["id"] == "x1" }
            #expect(x1["error"] == .string(AgentText.missingType.render(.chinese)))
            let x2 = try await client.first("x2") { $0["id"] == "x2" }
            #expect(x2["error"] == .string(AgentText.dataNotObject.render(.chinese)))
            #expect(client.received.filter { $0["type"] == "error" }.count == 4)
            #expect(try await client.request("get_status")["message"] != nil, "the session still works")
        }
    }

    @Test func commandResponsesAreBroadcastToTheOthers() async throws {
        try await AgentHarness.with { rig in
            let a = try await rig.client()
            let b = try await rig.client()
            _ = try await b.first(type: "connection_established")
            _ = try await a.request("connect_drone")
            let mine = try await a.request("drone_command", ["action": "get_battery"], id: "mine")
            let seen = try await b.first(type: "drone_command_response")
            #expect(seen == mine)
            #expect(!b.received.contains { $0["type"] == "connect_drone_response" }, "only the two *_response types are broadcast")
            #expect(try await b.first(type: "drone_status")["data"]?["connected"] == true)
        }
    }

    @Test func aClientCanStopStatusBroadcastsForItself() async throws {
        try await AgentHarness.with { rig in
            let quiet = try await rig.client()
            let other = try await rig.client()
            _ = try await quiet.request("connect_drone")
            let off = try await quiet.request("set_status_updates", ["enabled": false])
            #expect(off["success"] == true)
            let before = quiet.received.count
            let seenByOther = other.received.filter { $0["type"] == "drone_status" }.count
            try await eventually("three more statuses", within: 20) {
                other.received.filter { $0["type"] == "drone_status" }.count >= seenByOther + 3
            }
            #expect(!quiet.received.dropFirst(before).contains { $0["type"] == "drone_status" })
        }
    }

    @Test(arguments: [(WebSocketCloseCode.normalClosure, LogLevel.info), (.goingAway, .info), (.protocolError, .warning)])
    func closesAreLoggedOnce(code: WebSocketCloseCode, level: LogLevel) async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.first(type: "connection_established")
            await client.connection.close(code: code, reason: "bye")
            let record = try await rig.records("client disconnected", atLeast: 1)
            #expect(record.count == 1)
            // Once across every layer, whatever its wording: every line at info
            // or above naming the client, from any component, is counted.
            let address = "\(client.connection.localAddress)"
            let lines = rig.logs.records.filter { record in record.level >= .info && record.fields.contains { $0.value == address } }
            #expect(lines.map(\.message) == ["client connected", "client disconnected"], "lines: \(lines.map(\.formatted))")
            #expect(record.first?.level == level)
            #expect(record.first?[field: "code"] == "\(code.rawValue)")
            #expect(record.first?[field: "reason"] == "bye")
            #expect(record.first?[field: "client"] == "\(client.connection.localAddress)")
            #expect(await rig.agent.server.hub.count == 0)
        }
    }

    /// Over real sockets: a kernel's RST, not the memory network's, ends the rude client.
    @Test func closeWithoutStatusIs1005AndCleanVanishingIs1006AndAWarning() async throws {
        try await LoopbackAgentHarness.with { rig in
            let polite = try await RawWebSocketClient.open(to: rig.agent.address)
            try await polite.send(WebSocketFrame(opcode: .close))
            let rude = try await RawWebSocketClient.open(to: rig.agent.address)
            rude.tcp.reset()
            let records = try await rig.records("client disconnected", atLeast: 2)
            let byCode = Dictionary(grouping: records) { $0[field: "code"] ?? "" }
            #expect(byCode["1005"]?.first?.level == .info)
            #expect(byCode["1006"]?.first?.level == .warning)
            #expect(await rig.agent.server.hub.count == 0)
        }
    }

    @Test func aProtocolErrorClosesOnlyThatClient() async throws {
        try await AgentHarness.with { rig in
            let other = try await rig.client()
            let bad = try await RawWebSocketClient.open(to: rig.agent.address)
            try await bad.sendRaw([0x83, 0x80, 1, 2, 3, 4])  // reserved opcode 3
            let close = try await within(10) { try await bad.frame { $0.opcode == .close } }
            #expect(Array(close.payload.prefix(2)) == [0x03, 0xEA], "1002")
            #expect(try await other.request("get_status")["message"] != nil)
        }
    }

    @Test func pingsAndOtherRequestsAreAnsweredWhileALongOrderRuns() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            _ = try await client.request("drone_command", ["action": "takeoff"])
            await client.send(["type": "natural_language_command", "data": ["command": "悬停30秒"], "id": "long"])
            _ = try await client.first(type: "command_executing")
            let raw = try await RawWebSocketClient.open(to: rig.agent.address)
            let started = rig.time.now
            for i in 0..<5 {
                try await raw.send(WebSocketFrame(opcode: .ping, payload: [UInt8(i)]))
                let pong = try await within(5) { try await raw.frame { $0.opcode == .pong } }
                #expect(pong.payload == [UInt8(i)])
                #expect(try await client.request("get_status")["status"]?["flying"] == true)
            }
            #expect(!client.received.contains { $0["id"] == "long" }, "the 30 s order is still running")
            #expect(rig.time.now - started < .seconds(3), "answered without waiting for the order's steps")
            let done = try await client.first(within: 30, "long order") { $0["id"] == "long" }
            #expect(done["success"] == true)
        }
    }

    @Test func emergencyOvertakesARunningPlan() async throws {
        try await AgentHarness.with { rig in
            let pilot = try await rig.client()
            let safety = try await rig.client()
            _ = try await pilot.request("connect_drone")
            await pilot.send(["type": "natural_language_command", "data": ["command": "起飞，向前飞行500厘米，然后降落"], "id": "plan"])
            _ = try await pilot.first(within: 20, "the move step") { $0["type"] == "command_executing" && $0["data"]?["index"] == 2 }
            let stop = try await safety.request("emergency")
            #expect(stop["type"] == "emergency_response")
            let plan = try await pilot.first(within: 20, "plan response") { $0["id"] == "plan" }
            #expect(plan["success"] == false)
            #expect(plan["execution_results"]?.arrayValue?.count == 2)
            #expect(plan["message"] == .string(AgentText.planCancelled.render(.chinese)))
            // A Tello never answers `emergency`: the datagram may land after its answer was read.
            try await eventually("the drone to receive emergency", within: 5) { await !rig.agent.simulator!.groundTruth.motorsOn }
            #expect(await rig.agent.simulator!.groundTruth.x < 500, "the 5 m move was cut short")
            let executed = try await safety.first(type: "ai_commands_executed")
            #expect(executed["data"]?["success"] == false)
        }
    }

    @Test func aClientLeavingDuringAPlanGetsNothingWrittenAndTheOthersGetTheResult() async throws {
        try await AgentHarness.with { rig in
            let leaver = try await rig.client()
            let watcher = try await rig.client()
            _ = try await leaver.request("connect_drone")
            await leaver.send(["type": "natural_language_command", "data": ["command": "起飞后向前飞30厘米，然后降落"]])
            _ = try await watcher.first(type: "command_executing")
            await leaver.connection.close(code: .goingAway, reason: "tab closed")
            let result = try await watcher.first(within: 30, "broadcast result") { $0["type"] == "natural_language_command_response" }
            #expect(result["success"] == true, "the plan finishes: the drone is not left hovering mid-order")
            #expect(result["execution_results"]?.arrayValue?.count == 3)
            let warnings = try await rig.records("response not delivered", atLeast: 1)
            #expect(warnings.count == 1)
            #expect(warnings.first?[field: "type"] == "natural_language_command")
            #expect(warnings.first?.level == .warning)
            #expect(rig.records("client disconnected").count == 1)
        }
    }

    @Test func aClientThatNeverReadsDoesNotDelayTheOthers() async throws {
        try await AgentHarness.with({ $0.statusInterval = .milliseconds(50) }) { rig in
            let slow = try await RawWebSocketClient.open(to: rig.agent.address)  // never reads again
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            for _ in 0..<20 {
                try await slow.send(WebSocketFrame(opcode: .text, payload: Array(#"{"type":"get_status"}"#.utf8)))
                let answer = try await within(5) { try await client.request("get_status") }
                #expect(answer["status"] != nil)
            }
        }
    }

    @Test func browserPagesFromElsewhereAndMissingTokensAreRefused() async throws {
        try await AgentHarness.with({ $0.token = "s3cret" }) { rig in
            await #expect(throws: WebSocketConnectError.self) {
                _ = try await rig.client(headers: ["Origin": "http://localhost:3000"])
            }
            await #expect(throws: WebSocketConnectError.self) {
                _ = try await rig.client(headers: ["Origin": "https://evil.example"], path: "/?token=s3cret")
            }
            let page = try await rig.client(headers: ["Origin": "http://localhost:3000"], path: "/?token=s3cret")
            _ = try await page.first(type: "connection_established")
            let tool = try await rig.client(headers: ["Authorization": "Bearer s3cret"])
            _ = try await tool.first(type: "connection_established")
            #expect(!rig.logs.lines.joined().contains("s3cret"))
        }
    }

    @Test func connectionsBeyondTheLimitAreClosedWith1013() async throws {
        try await AgentHarness.with({ $0.maxConnections = 2 }) { rig in
            let a = try await rig.client()
            let b = try await rig.client()
            _ = try await a.first(type: "connection_established")
            _ = try await b.first(type: "connection_established")
            let c = try await rig.client()
            let info = try await within(10) { await c.connection.closed() }
            #expect(info.reportedCode == .tryAgainLater)
        }
    }

    @Test func aClientMayHaveSixteenRequestsInFlight() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            var faults = await rig.agent.simulator!.faults
            faults.linkDown = true  // once the last state line is stale, every read waits for its timeout
            try await rig.agent.simulator!.setFaults(faults)
            try await eventually("the state stream to go stale", within: 10) { await !rig.agent.drone.answersReadsFromState }
            for i in 0..<20 {
                await client.send(["type": "drone_command", "data": ["action": "get_battery"], "id": .string("r\(i)")])
            }
            try await eventually("four refusals", within: 20) { client.received.filter { $0["type"] == "error" }.count >= 4 }
            let errors = client.received.filter { $0["type"] == "error" }
            #expect(errors.count == 4)
            #expect(errors.first?["error"] == .string(AgentText.tooManyRequests(16).render(.chinese)))
            try await eventually("the sixteen answers", within: 30) {
                client.received.filter { $0["type"] == "drone_command_response" }.count == 16
            }
        }
    }

    @Test func linkLossIsDetectedAndReported() async throws {
        try await AgentHarness.with { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            var faults = await rig.agent.simulator!.faults
            faults.linkDown = true
            try await rig.agent.simulator!.setFaults(faults)
            _ = try await client.first(within: 20, "status with the link down") {
                $0["type"] == "drone_status" && $0["data"]?["connected"] == false
            }
            let refused = try await client.request("drone_command", ["action": "takeoff"])
            #expect(refused["success"] == false)
            #expect(rig.logs.records.contains { $0.message == "drone link lost" && $0.level == .warning })
        }
    }
}
