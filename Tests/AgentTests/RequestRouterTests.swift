import Agent
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import TelloSDK
import TestSupport
import Testing

/// The router, executor and drone over an in-memory Tello on virtual time.
struct RouterRig {
    let tello = FakeTello()
    let time: VirtualTime
    let broadcasts = MessageLog()
    let analyses = MessageLog()
    let logs = MemorySink()
    let router: RequestRouter

    /// `time`: a `Simulation`'s, for a rig whose clock the simulation drives.
    init(pause: Duration = .zero, planners: (any PlannerChoice)? = nil, time: VirtualTime = VirtualTime()) {
        self.time = time
        var config = DroneLinkMachine.Config()
        config.replyGuard = .zero
        let logger = Logger(component: "agent", minimumLevel: .debug, sink: logs)
        let link = DroneLink(transport: tello, time: time, logger: logger, config: config)
        let drone = Drone(link: link, time: time, logger: logger)
        let broadcasts = broadcasts
        let executor = Executor(drone: drone, time: time, pause: pause, logger: logger) { broadcasts.append($0) }
        let analyses = analyses
        let planners = planners ?? SettingsPlannerChoice(time: time, logger: logger)
        router = RequestRouter(drone: drone, executor: executor, planners: planners, logger: logger) {
            analyses.append($0)
        }
    }

    /// Runs the drone while `body` runs; its loops have ended when this returns.
    func running<T>(_ body: () async throws -> T) async rethrows -> T {
        try await withRunning({ [drone = router.drone] in await drone.run() }, body)
    }

    /// Runs the drone, connected (in SDK mode), while `body` runs.
    func connected<T>(_ body: () async throws -> T) async rethrows -> T {
        try await running {
            let reply = await send("connect_drone")
            #expect(reply["success"] == true)
            return try await body()
        }
    }

    func send(_ type: String, _ data: JSONValue = [:], id: JSONValue? = nil) async -> JSONValue {
        await router.handle(AgentRequest(type: type, data: data.objectValue ?? [:], id: id))
    }

    /// Runs `body` with a rig in a fresh `Simulation`, which drives the rig's
    /// clock: a wait (`eventually`) lets the clock move to the next timer only
    /// when every task waits, instead of polling in real time.
    static func simulated(_ name: String, pause: Duration = .zero,
                          _ body: @escaping @Sendable (RouterRig) async throws -> Void) async throws {
        try await Simulation.run(name: name) { simulation in try await body(RouterRig(pause: pause, time: simulation.time)) }
    }
}

@Suite struct RequestRouterTests {
    @Test func connectReportsBatteryAfterSDKMode() async throws {
        let rig = RouterRig()
        rig.tello.answer("battery?", with: "76")
        await rig.running {
            let reply = await rig.send("connect_drone", id: "c1")
            #expect(reply["type"] == "connect_drone_response")
            #expect(reply["success"] == true)
            #expect(reply["battery"] == 76)
            #expect(reply["id"] == "c1")
            #expect(rig.tello.sent == ["command", "battery?", "wifi?"])
            #expect(await rig.send("get_status")["status"]?["wifi_signal"] == 87)
        }
    }

    @Test func connectFailureIsAClearError() async throws {
        let rig = RouterRig()
        rig.tello.answer("command", with: "error")
        await rig.running {
            let reply = await rig.send("connect_drone")
            #expect(reply["success"] == false)
            #expect(reply["error"]?.stringValue?.contains("error") == true)
            #expect(await rig.send("get_status")["status"]?["connected"] == false)
        }
    }

    @Test func droneCommandsFlyAndReportWhatWasFlown() async throws {
        let rig = RouterRig()
        await rig.connected {
            #expect(await rig.send("drone_command", ["action": "takeoff"])["success"] == true)
            let move = await rig.send("drone_command", ["action": "move_forward", "parameters": ["distance": 900]])
            #expect(move["type"] == "drone_command_response")
            #expect(move["success"] == true)
            #expect(move["action"] == "move_forward")
            #expect(move["data"]?["clamped"] == ["from": 900, "to": 500])
            #expect(rig.tello.sent.suffix(2) == ["takeoff", "forward 500"])
            let again = await rig.send("drone_command", ["action": "takeoff"])
            #expect(again["success"] == true)
            #expect(again["message"] == .string(AgentText.alreadyFlying.render(.chinese)))
            let status = await rig.send("get_status")
            #expect(status["status"]?["flying"] == true)
            #expect(status["status"]?["position"]?["x"] == 500)
        }
    }

    @Test func refusalsNeverReachTheDrone() async throws {
        let rig = RouterRig()
        await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            let sentBefore = rig.tello.sent
            let odd = await rig.send("drone_command", ["action": "move_up", "parameters": ["distance": "high"]])
            #expect(odd["success"] == false)
            #expect(odd["action"] == "move_up")
            let unknown = await rig.send("drone_command", ["action": "barrel_roll"])
            #expect(unknown["error"] == .string(AgentText.unknownAction("barrel_roll").render(.chinese)))
            let missing = await rig.send("drone_command", ["parameters": [:]])
            #expect(missing["error"] == .string(AgentText.missingAction.render(.chinese)))
            let badParameters = await rig.send("drone_command", ["action": "move_up", "parameters": "up!"])
            #expect(badParameters["success"] == false, "non-object parameters are refused, not taken as none (30 cm)")
            #expect(rig.tello.sent == sentBefore)
        }
    }

    @Test func movesNeedADroneInTheAir() async throws {
        let rig = RouterRig()
        await rig.connected {
            let move = await rig.send("drone_command", ["action": "move_back"])
            #expect(move["success"] == false)
            #expect(move["error"] == .string(AgentText.notFlying.render(.chinese)))
            #expect(!rig.tello.sent.contains("back 30"))
        }
    }

    @Test func withoutADroneAnOrderIsOnlyPlanned() async throws {
        let rig = RouterRig()
        await rig.running {
            let reply = await rig.send("natural_language_command", ["command": "起飞后向前飞30厘米，然后降落"])
            #expect(reply["success"] == true)
            #expect(reply["message"] == "AI解析完成（无人机未连接，未执行动作）")
            #expect(reply["execution_results"] == [])
            let actions = reply["ai_analysis"]?["commands"]?.arrayValue?.compactMap { $0["action"]?.stringValue }
            #expect(actions == ["takeoff", "move_forward", "land"])
            #expect(rig.tello.sent.isEmpty)
            #expect(rig.analyses.all.count == 1, "the analysis goes to the 3002 bridge")
        }
    }

    @Test func anOrderRunsStepByStepWithProgress() async throws {
        let rig = RouterRig()
        await rig.connected {
            let reply = await rig.send("natural_language_command", ["command": "起飞后向前飞30厘米，然后降落"], id: 9)
            #expect(reply["type"] == "natural_language_command_response")
            #expect(reply["id"] == 9)
            #expect(reply["success"] == true)
            #expect(reply["execution_results"]?.arrayValue?.count == 3)
            #expect(rig.tello.sent.suffix(3) == ["takeoff", "forward 30", "land"])
            #expect(rig.broadcasts.types == ["command_executing", "command_executing", "command_executing", "ai_commands_executed"])
            #expect(rig.broadcasts.all.first?["data"] == ["index": 1, "total": 3, "action": "takeoff", "description": rig.broadcasts.all.first?["data"]?["description"] ?? ""])
            #expect(rig.broadcasts.all.last?["data"] == ["total_commands": 3, "executed_commands": 3, "success": true])
        }
    }

    @Test func aPlanStopsAtTheFirstFailure() async throws {
        let rig = RouterRig()
        await rig.connected {
            rig.tello.answer("forward 30", with: "error Not joystick")
            let reply = await rig.send("natural_language_command", ["command": "起飞后向前飞30厘米，然后降落"])
            #expect(reply["success"] == false)
            let results = reply["execution_results"]?.arrayValue ?? []
            #expect(results.count == 2)
            #expect(results.last?["error"] == .string(AgentText.droneError("error Not joystick").render(.chinese)))
            #expect(!rig.tello.sent.contains("land"))
            #expect(rig.broadcasts.all.last?["data"]?["success"] == false)
        }
    }

    @Test func emergencyOvertakesARunningPlanAndCancelsIt() async throws {
        try await RouterRig.simulated("emergency-overtakes") { rig in try await rig.connected {
            rig.tello.hold("forward")
            async let order = rig.send("natural_language_command", ["command": "起飞，向前飞50厘米，然后降落"])
            try await eventually { rig.tello.sent.contains("forward 50") }
            let busy = await rig.send("drone_command", ["action": "move_left"])
            #expect(busy["error"] == .string(AgentText.busy.render(.chinese)))
            let emergency = await rig.send("emergency")
            #expect(emergency["type"] == "emergency_response")
            #expect(emergency["success"] == true)
            let reply = await order
            #expect(reply["success"] == false)
            #expect(reply["message"] == .string(AgentText.planCancelled.render(.chinese)))
            #expect(!rig.tello.sent.contains("land"), "the rest of the plan is cancelled")
            // Emergency is not answered: the state stream says the drone is down.
            #expect(await rig.send("get_status")["status"]?["flying"] == true, "possibly flying until the stream says")
            for _ in 0..<LandingWatch.linesToLand { rig.tello.pushState(TelloState(tof: 10, h: 0).line) }
            try await eventually { await rig.send("get_status")["status"]?["flying"] == false }
            #expect(await rig.send("get_status")["status"]?["flying"] == false)
        } }
    }

    @Test func pauseBetweenStepsRunsOnTheInjectedClock() async throws {
        try await RouterRig.simulated("pause-between-steps", pause: .seconds(2)) { rig in try await rig.connected {
            let start = rig.time.now
            async let order = rig.send("natural_language_command", ["command": "起飞然后降落"])
            try await eventually { rig.tello.sent.contains("takeoff") }
            try await eventually { rig.tello.sent.last == "land" }
            let landedAt = rig.time.now
            #expect(landedAt - start >= .seconds(2), "the next step waits for the pause")
            #expect(landedAt - start <= .seconds(3))
            #expect(await order["success"] == true)
        } }
    }

    @Test func hoverWaitsOnTheClockWithoutTalkingToTheDrone() async throws {
        try await RouterRig.simulated("hover-waits") { rig in try await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            let count = rig.tello.sent.count
            let start = rig.time.now
            let done = MessageLog()
            async let answered: Void = done.append(await rig.send("drone_command", ["action": "hover", "parameters": ["seconds": 5]]))
            try await eventually("the hover's answer") { !done.all.isEmpty }
            let finishedAt = rig.time.now
            await answered
            #expect(finishedAt - start >= .seconds(5))
            #expect(done.all.first?["success"] == true)
            // The first keepalive asks sdk? (it picks the keepalive); battery? for this SDK 2.0 drone after.
            #expect(rig.tello.sent.dropFirst(count).allSatisfy { $0 == "battery?" || $0 == "sdk?" }, "only keepalive while hovering")
        } }
    }

    @Test func otherRequests() async throws {
        let rig = RouterRig()
        await rig.connected {
            #expect(await rig.send("start_video")["success"] == true)
            #expect(await rig.send("stop_video")["message"] == .string(AgentText.videoStopped.render(.chinese)))
            #expect(rig.tello.sent.suffix(2) == ["streamon", "streamoff"])
            let battery = await rig.send("drone_command", ["action": "get_battery"])
            #expect(battery["data"]?["battery"] == 87)
            #expect(await rig.send("get_ai_settings")["settings"] == ["ai_provider": "offline", "model": "offline-rules"])
            let refused = await rig.send("update_ai_settings", ["provider": "azure", "api_key": "sk-secret"])
            #expect(refused["success"] == false)
            #expect(!refused.text.contains("sk-secret"))
            #expect(await rig.send("update_ai_settings", ["ai_provider": "offline"])["success"] == true)
            #expect(await rig.send("fly_to_moon")["error"] == "未知消息类型: fly_to_moon")
            let missing = await rig.send("natural_language_command", ["command": "  "])
            #expect(missing["error"] == .string(AgentText.missingCommandText.render(.chinese)))
            let refusedOrder = await rig.send("natural_language_command", ["command": "不要起飞"])
            #expect(refusedOrder["success"] == false)
            #expect(await rig.send("disconnect_drone")["success"] == true)
            #expect(await rig.send("get_status")["status"]?["connected"] == false)
            let openai = await rig.send("update_ai_settings", ["provider": "openai", "api_key": "sk-secret", "model": "gpt-x"])
            #expect(openai["success"] == true)
            #expect(openai["ai_provider"] == "openai")
            #expect(openai["model"] == "gpt-x")
            #expect(!openai.text.contains("sk-secret"))
            #expect(await rig.send("get_ai_settings")["settings"] == ["ai_provider": "openai", "model": "gpt-x"])
            #expect(!rig.logs.lines.joined().contains("sk-secret"), "keys are never logged")
        }
    }

    @Test func disconnectLandsFirst() async throws {
        let rig = RouterRig()
        await rig.connected {
            _ = await rig.send("drone_command", ["action": "takeoff"])
            _ = await rig.send("disconnect_drone")
            #expect(rig.tello.sent.last == "land")
        }
    }

    @Test func stateLinesFeedTheStatus() async throws {
        try await RouterRig.simulated("state-lines") { rig in try await rig.connected {
            rig.tello.pushState("pitch:1;roll:2;yaw:45;vgx:3;vgy:0;vgz:0;templ:60;temph:62;tof:90;h:80;bat:55;baro:12.50;time:7;agx:1.00;agy:2.00;agz:-999.00;\r\n")
            try await eventually { await rig.send("get_status")["status"]?["battery"] == 55 }
            let status = await rig.send("get_status")["status"]
            #expect(status?["temperature"] == 61)
            #expect(status?["height"] == 80)
            #expect(status?["yaw"] == 45)
            #expect(status?["flight_time"] == 7)
        } }
    }
}
