import Foundation
import JSONValue
import Testing

@testable import Planner

@Suite struct PlanExtractionTests {
    static let plan = #"{"commands":[{"action":"takeoff","parameters":{},"description":"起飞"},{"action":"move_forward","parameters":{"distance":30},"description":"向前"}]}"#
    static let expected = [Step.make("takeoff"), forward(30)]

    @Test(arguments: [
        ("bare", plan),
        ("fenced json", "好的：\n```json\n\(plan)\n```\n祝飞行愉快"),
        ("fenced plain", "```\n\(plan)\n```"),
        ("inside prose", "Here is the plan you asked for: \(plan) Let me know if you need more."),
        ("prose with braces first", "Use {curly} braces like {this}; the plan: \(plan)"),
        ("prose with quotes", "Don't worry, it's \"safe\": \(plan)"),
        ("brace inside a string", #"{"commands":[{"action":"takeoff","description":"a } and a { inside"},{"action":"move_forward","parameters":{"distance":30}}]}"#),
        ("bare array", #"[{"action":"takeoff"},{"action":"move_forward","parameters":{"distance":30}}]"#),
        ("under steps", #"{"steps":[{"action":"takeoff"},{"action":"forward","params":{"distance":"30"}}]}"#),
        ("broken fence then good json", "```json\n{not json}\n```\n\(plan)"),
        ("stray closer before", "]] } \(plan)"),
        ("trailing commas", #"{"commands":[{"action":"takeoff",},{"action":"move_forward","parameters":{"distance":30,},},],}"#),
    ])
    func extractsThePlan(_ name: String, _ reply: String) throws {
        let plan = try PlanExtraction.plan(from: reply)
        #expect(plan.commands.map(Step.init) == Self.expected, "\(name)")
        #expect(plan.rawResponse == reply)
    }

    @Test(arguments: [
        ("no json", "I cannot help with that.", "没有找到JSON"),
        ("garbage", "{{{{[[[[ ```", "没有找到JSON"),
        ("truncated", #"{"commands":[{"action":"takeoff""#, "没有找到JSON"),
        ("unknown action", #"{"commands":[{"action":"do_a_barrel_roll"}]}"#, "未知：do_a_barrel_roll"),
        ("empty", #"{"commands":[]}"#, "没有给出任何动作"),
        ("model refusal", #"{"commands":[],"error":"不安全"}"#, "模型拒绝了指令：不安全"),
        ("no action field", #"{"commands":[{"parameters":{}}]}"#, "缺少action"),
        ("non numeric", #"{"commands":[{"action":"move_up","parameters":{"distance":"high"}}]}"#, "不是数字"),
        ("not an object", #"{"commands":["takeoff"]}"#, "不是JSON对象"),
        ("wrong shape", #"{"answer":42}"#, "没有commands"),
    ])
    func refusesWhatIsNotAPlan(_ name: String, _ reply: String, _ reason: String) {
        #expect { try PlanExtraction.plan(from: reply) } throws: { error in
            (error as? PlanningError)?.message.contains(reason) == true
        }
    }

    @Test func refusesOversizedRepliesUnread() {
        let huge = String(repeating: "x", count: PlanExtraction.maximumLength + 1)
        #expect { try PlanExtraction.plan(from: huge) } throws: { ($0 as? PlanningError)?.message.contains("过长") == true }
    }

    @Test func normalisesNamesParametersAndTypes() throws {
        let reply = #"""
            {"commands":[
              {"action":"Take-Off"},
              {"command":"rotate cw","params":{"angle":"45"}},
              {"action":"MOVE_UP","parameters":{"distance":"149.6"}},
              {"action":"hover","parameters":{"duration":"3s"}},
              {"action":"move_left","parameters":{"distance":"50cm","speed":10}},
              {"action":"turn_left"},
              {"action":"get_battery","parameters":{"distance":5}}
            ]}
            """#
        let plan = try PlanExtraction.plan(from: reply)
        #expect(plan.commands.map(Step.init) == [takeoff, cw(45), up(150), hover(3), left(50), Step.make("rotate_counter_clockwise"), battery])
    }

    /// The offline planner's policy: an amount out of the table's range is
    /// refused (the whole plan), not left for the agent to clamp.
    @Test(arguments: [
        (#"{"action":"move_up","parameters":{"distance":1.5}}"#, "distance超出范围：1.5（20-500厘米）"),
        (#"{"action":"forward","parameters":{"cm":900}}"#, "distance超出范围：900（20-500厘米）"),
        (#"{"action":"cw","parameters":{"angle":-90}}"#, "degrees超出范围：-90（1-360度）"),
        (#"{"action":"hover","parameters":{"seconds":"90s"}}"#, "seconds超出范围：90（0.1-60秒）"),
    ])
    func outOfRangeAmountsAreRefused(reply: String, reason: String) {
        #expect { try PlanExtraction.plan(from: reply) } throws: { ($0 as? PlanningError)?.message.contains(reason) == true }
    }

    @Test func strayOpenersInProseDoNotHideThePlan() throws {
        #expect(try PlanExtraction.plan(from: "Use { and [ to group; plan: \(Self.plan)").commands.count == 2)
    }

    @Test func adversarialBracketsEndInAClearError() {
        // 100 000 unmatched openers: a quadratic scanner would not finish here.
        let reply = String(repeating: "{", count: 100_000) + "x"
        #expect(throws: PlanningError("模型回复中没有找到JSON格式的指令")) { try PlanExtraction.plan(from: reply) }
        let closers = String(repeating: "}", count: 100_000) + Self.plan
        #expect(throws: Never.self) { try PlanExtraction.plan(from: closers) }
    }
}
