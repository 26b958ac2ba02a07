import Agent
import AgentAssembly
import JSONValue
import TelloSim
import TestSupport
import Testing

/// The preflight in the running agent, flying its embedded simulator in a
/// small room: a plan that breaks a rule is refused before any command
/// reaches the drone (the simulator's ground truth shows no motor time),
/// warn mode flies it, a dry run flies nothing.
@Suite struct PreflightAgentTests {
    /// 4 × 4 m, 2.5 m ceiling, a 60 cm crate 1-1.5 m ahead of the start.
    static var smallRoom: SimulatedTello.Configuration {
        var configuration = SimulatedTello.Configuration()
        configuration.world = World(room: Room(minX: -200, maxX: 200, minY: -200, maxY: 200, height: 250),
                                    obstacles: [Box(name: "crate", min: Point(100, -25, 0), max: Point(150, 25, 60),
                                                    colour: Colour(red: 200, green: 40, blue: 30))])
        return configuration
    }

    static let unsafeOrders: [(order: String, rule: String, step: Int)] = [
        ("起飞，向后飞行300厘米，然后降落", "leaves_envelope", 1),
        ("起飞，向上飞行200厘米，然后降落", "above_ceiling", 1),
        ("起飞，向下飞行90厘米，然后降落", "below_minimum_height", 1),
        ("起飞，向下飞行60厘米，向前飞行150厘米，然后降落", "hits_obstacle", 2),
        ("向前飞行50厘米", "move_while_landed", 0),
    ]

    @Test func everyUnsafePlanIsRefusedBeforeAnythingFlies() async throws {
        try await AgentHarness.with(simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            #expect(try await client.request("connect_drone")["success"]?.boolValue == true)
            for (order, rule, step) in Self.unsafeOrders {
                let response = try await client.request("natural_language_command", ["command": .string(order)])
                #expect(response["success"]?.boolValue == false, "\(order)")
                let first = response["preflight"]?["violations"]?.arrayValue?.first
                #expect(first?["rule"]?.stringValue == rule, "\(order): \(response)")
                #expect(first?["step"]?.doubleValue == Double(step), "\(order)")
                #expect(response["error"]?.stringValue?.contains("飞行前检查未通过") == true, "\(order)")
                #expect(response["execution_results"]?.arrayValue?.isEmpty == true)
                #expect(response["ai_analysis"]?["commands"]?.arrayValue?.isEmpty == false)
            }
            let truth = await rig.agent.simulator!.groundTruth
            #expect(truth.motorTime == 0 && !truth.flying && truth.z == 0, "\(truth)")
        }
    }

    @Test func aPlanLongerThanTheBatteryIsRefusedInEnglish() async throws {
        try await AgentHarness.with({ $0.language = .english }, simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            await rig.agent.simulator!.setBattery(8)
            try await eventually("the state stream's battery", within: 10) { await rig.agent.drone.snapshot.battery <= 8 }
            let response = try await client.request("natural_language_command", ["command": "起飞，然后降落"])
            #expect(response["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "battery_exhausted")
            #expect(response["error"]?.stringValue?.hasPrefix("Preflight refused the plan: step 1/2 breaks battery_exhausted") == true,
                    "\(response)")
            #expect(await rig.agent.simulator!.groundTruth.motorTime == 0)
        }
    }

    @Test func aFlyingDroneCommandIsPreflightedFromTheDronesState() async throws {
        try await AgentHarness.with(simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let landed = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 50]])
            #expect(landed["success"]?.boolValue == false)
            #expect(landed["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "move_while_landed", "\(landed)")
            let takeoff = try await client.request("drone_command", ["action": "takeoff"])
            #expect(takeoff["success"]?.boolValue == true && takeoff["preflight"]?["ok"]?.boolValue == true, "\(takeoff)")
            // At 100 cm under a 250 cm ceiling: 100 more is fine, 150 more is not.
            let up = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 100]])
            #expect(up["success"]?.boolValue == true, "\(up)")
            let tooHigh = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 50]])
            #expect(tooHigh["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "above_ceiling", "\(tooHigh)")
            let again = try await client.request("drone_command", ["action": "takeoff"])
            #expect(again["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "takeoff_while_flying", "\(again)")
            let truth = await rig.agent.simulator!.groundTruth
            #expect(abs(truth.z - 200) < 1, "\(truth)")
            // Reads and emergencies are never preflighted.
            #expect(try await client.request("drone_command", ["action": "get_battery"])["preflight"] == nil)
            #expect(try await client.request("drone_command", ["action": "land"])["success"]?.boolValue == true)
        }
    }

    @Test func warnModeFliesThePlanAndReportsTheViolation() async throws {
        try await AgentHarness.with({ $0.preflight = .warn }, simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let response = try await client.request("natural_language_command", ["command": "起飞，向后飞行300厘米，然后降落"], within: 60)
            #expect(response["preflight"]?["ok"]?.boolValue == false)
            #expect(response["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "leaves_envelope")
            #expect(response["execution_results"]?.arrayValue?.isEmpty == false)
            let truth = await rig.agent.simulator!.groundTruth
            #expect(truth.motorTime > 0 && truth.collisions == 1, "it flew, into the wall the preflight named: \(truth)")
        }
    }

    @Test func aDryRunPlansAndPreflightsWithoutFlying() async throws {
        try await AgentHarness.with(simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            // Before connect_drone too: from the ground at the start with a full battery.
            let early = try await client.request("natural_language_command", ["command": "起飞，向前飞行50厘米，然后降落", "dry_run": true])
            #expect(early["success"]?.boolValue == true && early["dry_run"]?.boolValue == true, "\(early)")
            _ = try await client.request("connect_drone")
            let safe = try await client.request("natural_language_command", ["command": "起飞，向前飞行50厘米，然后降落", "dry_run": true])
            #expect(safe["success"]?.boolValue == true)
            #expect(safe["preflight"]?["ok"]?.boolValue == true)
            #expect(safe["preflight"]?["predicted"]?["final"]?["x"]?.doubleValue == 50)
            #expect(safe["preflight"]?["predicted"]?["path"]?.arrayValue?.count == 4)
            #expect(safe["execution_results"]?.arrayValue?.isEmpty == true)
            let unsafe = try await client.request("natural_language_command", ["command": "起飞，向上飞行200厘米", "dry_run": true])
            #expect(unsafe["success"]?.boolValue == true)
            #expect(unsafe["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "above_ceiling")
            #expect(unsafe["preflight"]?["warnings"]?.arrayValue?.first?["rule"]?.stringValue == "ends_in_air")
            let wrong = try await client.request("natural_language_command", ["command": "起飞", "dry_run": "yes"])
            #expect(wrong["success"]?.boolValue == false && wrong["error"]?.stringValue?.contains("dry_run") == true)
            #expect(await rig.agent.simulator!.groundTruth.motorTime == 0)
        }
    }

    @Test func aSafePlanFliesAndCarriesItsPreflight() async throws {
        try await AgentHarness.with(simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let response = try await client.request("natural_language_command", ["command": "起飞，向前飞行50厘米，然后降落"], within: 60)
            #expect(response["success"]?.boolValue == true, "\(response)")
            #expect(response["preflight"]?["ok"]?.boolValue == true)
            let truth = await rig.agent.simulator!.groundTruth
            let final = response["preflight"]?["predicted"]?["final"]
            #expect(abs(truth.x - (final?["x"]?.doubleValue ?? .nan)) < 1 && !truth.flying, "\(truth) vs \(String(describing: final))")
        }
    }

    @Test func offSendsNoPreflight() async throws {
        try await AgentHarness.with({ $0.preflight = .off }, simulator: Self.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let response = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 50]])
            #expect(response["preflight"] == nil && response["error"]?.stringValue == "无人机未在飞行", "\(response)")
        }
    }
}

/// A drone that landed on a box stands on its top: the next takeoff starts
/// there and heights count from there, as the simulator's and a real Tello's do.
@Suite struct PreflightBoxTopTests {
    @Test func aDroneOnABoxTakesOffFromItsTopAndIsCheckedAgainstTheCeilingFromThere() async throws {
        try await AgentHarness.with(simulator: PreflightAgentTests.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let onCrate = try await client.request("natural_language_command", ["command": "起飞，向前飞行125厘米，然后降落"], within: 60)
            #expect(onCrate["success"]?.boolValue == true, "\(onCrate)")
            #expect(abs(await rig.agent.simulator!.groundTruth.z - 60) < 1, "landed on the crate's top")
            let hop = try await client.request("natural_language_command", ["command": "起飞，然后降落", "dry_run": true])
            #expect(hop["preflight"]?["ok"]?.boolValue == true, "\(hop)")
            #expect(try await client.request("drone_command", ["action": "takeoff"])["success"]?.boolValue == true)
            // 60 (crate) + 100 (takeoff) + 90 = 250: the drone's top would be at 254.
            let up = try await client.request("drone_command", ["action": "move_up", "parameters": ["distance": 90]])
            #expect(up["preflight"]?["violations"]?.arrayValue?.first?["rule"]?.stringValue == "above_ceiling", "\(up)")
            #expect(try await client.request("drone_command", ["action": "land"])["success"]?.boolValue == true)
        }
    }
}

/// The preflight's flags: policy, envelope file and the two shortcuts, each bounded.
@Suite struct PreflightOptionTests {
    @Test func enforceIsTheDefaultAndEveryFlagIsRead() throws {
        guard case .run(let defaults) = try AgentOptions.parse([], environment: [:]) else { Issue.record("no options"); return }
        #expect(defaults.preflight == .enforce && defaults.envelopePath == nil && defaults.ceiling == nil && defaults.radius == nil)
        guard case .run(let options) = try AgentOptions.parse(["--preflight", "warn", "--envelope", "room.json", "--ceiling", "220", "--radius", "150"],
                                                             environment: [:]) else { Issue.record("no options"); return }
        #expect(options.preflight == .warn && options.envelopePath == "room.json" && options.ceiling == 220 && options.radius == 150)
    }

    @Test(arguments: [["--preflight", "strict"], ["--ceiling", "10"], ["--radius", "nan"], ["--radius", "0"], ["--ceiling"]])
    func aBadValueIsAUsageError(arguments: [String]) {
        #expect(throws: AgentOptions.Invalid.self) { try AgentOptions.parse(arguments, environment: [:]) }
    }
}

/// `--confirm-plans`: an order is previewed with a `plan_id` and flies only on `confirm_plan`.
@Suite struct PlanConfirmationAgentTests {
    @Test func anOrderWaitsForItsConfirmationAndFliesOnce() async throws {
        try await AgentHarness.with({ $0.confirmPlans = true }, simulator: PreflightAgentTests.smallRoom) { rig in
            let client = try await rig.client()
            _ = try await client.request("connect_drone")
            let preview = try await client.request("natural_language_command", ["command": "起飞，向前飞行50厘米，然后降落"])
            let id = try #require(preview["plan_id"]?.stringValue, "\(preview)")
            #expect(preview["success"]?.boolValue == true && preview["preflight"]?["ok"]?.boolValue == true)
            #expect(preview["execution_results"]?.arrayValue?.isEmpty == true)
            #expect(await rig.agent.simulator!.groundTruth.motorTime == 0, "nothing flies before the confirmation")
            let flown = try await client.request("confirm_plan", ["plan_id": .string(id)], within: 60)
            #expect(flown["success"]?.boolValue == true && flown["execution_results"]?.arrayValue?.count == 3, "\(flown)")
            #expect(flown["preflight"]?["ok"]?.boolValue == true)
            let truth = await rig.agent.simulator!.groundTruth
            #expect(abs(truth.x - 50) < 1 && !truth.flying, "\(truth)")
            let again = try await client.request("confirm_plan", ["plan_id": .string(id)])
            #expect(again["success"]?.boolValue == false && again["error"]?.stringValue?.contains(id) == true, "\(again)")
            let none = try await client.request("confirm_plan", [:])
            #expect(none["success"]?.boolValue == false && none["error"]?.stringValue?.contains("plan_id") == true)
            // An unsafe order is refused at the preview: no plan_id to confirm.
            let unsafe = try await client.request("natural_language_command", ["command": "起飞，向上飞行200厘米，然后降落"])
            #expect(unsafe["success"]?.boolValue == false && unsafe["plan_id"] == nil)
        }
    }
}
