import JSONValue
import DroneVocabulary
import Testing

@testable import Planner

/// One expected step: action and its one parameter, as the planner must emit it.
struct Step: Equatable, CustomStringConvertible {
    var action: String
    var parameters: [String: JSONValue]

    static func make(_ action: String, _ amount: Double? = nil) -> Step {
        guard let amount, let name = DroneAction(rawValue: action)?.parameterName else {
            return Step(action: action, parameters: [:])
        }
        return Step(action: action, parameters: [name: .number(amount)])
    }

    init(action: String, parameters: [String: JSONValue]) {
        self.action = action
        self.parameters = parameters
    }

    init(_ command: PlannedCommand) { self.init(action: command.action.rawValue, parameters: command.parameters) }

    var description: String { "\(action)\(JSONValue.object(parameters).text)" }
}

let takeoff = Step.make("takeoff"), land = Step.make("land"), emergency = Step.make("emergency")
func forward(_ d: Double) -> Step { .make("move_forward", d) }
func back(_ d: Double) -> Step { .make("move_back", d) }
func left(_ d: Double) -> Step { .make("move_left", d) }
func right(_ d: Double) -> Step { .make("move_right", d) }
func up(_ d: Double) -> Step { .make("move_up", d) }
func down(_ d: Double) -> Step { .make("move_down", d) }
func cw(_ d: Double) -> Step { .make("rotate_clockwise", d) }
func ccw(_ d: Double) -> Step { .make("rotate_counter_clockwise", d) }
func hover(_ s: Double? = nil) -> Step { .make("hover", s) }
let battery = Step.make("get_battery"), status = Step.make("get_status")

@Suite struct OfflinePlannerPhraseTests {
    static let chinese: [(String, [Step])] = [
        // The original agent's test phrases.
        ("起飞", [takeoff]),
        ("向前飞行50厘米", [forward(50)]),
        ("向上飞行30厘米", [up(30)]),
        ("顺时针旋转90度", [cw(90)]),
        ("悬停5秒", [hover(5)]),
        ("降落", [land]),
        ("起飞后向前飞30厘米，然后降落", [takeoff, forward(30), land]),
        // Numerals and units.
        ("向前飞三十厘米", [forward(30)]),
        ("向后飞一百五十厘米", [back(150)]),
        ("向左飞一百五", [left(150)]),
        ("向右飞两百厘米", [right(200)]),
        ("向上飞1.5米", [up(150)]),
        ("向下飞一米", [down(100)]),
        ("向前飞一米半", [forward(150)]),
        ("向前飞一米五", [forward(150)]),
        ("向前飞半米", [forward(50)]),
        ("向后飞一百零五厘米", [back(105)]),
        ("向前飞二十五公分", [forward(25)]),
        ("向前飞一点五米", [forward(150)]),
        ("上升四十厘米", [up(40)]),
        ("下降20厘米", [down(20)]),
        ("后退50厘米", [back(50)]),
        ("前进2米", [forward(200)]),
        ("向前飞一点", [forward(30)]),
        // Turns.
        ("左转", [ccw(90)]),
        ("右转", [cw(90)]),
        ("向左转45度", [ccw(45)]),
        ("逆时针旋转一百八十度", [ccw(180)]),
        ("顺时针转一圈", [cw(360)]),
        ("逆时针转半圈", [ccw(180)]),
        ("掉头", [cw(180)]),
        ("旋转60度", [cw(60)]),
        // Hover, queries, defaults.
        ("悬停", [hover()]),
        ("停留三秒", [hover(3)]),
        ("悬停0.5秒", [hover(0.5)]),
        ("悬停1分钟", [hover(60)]),
        ("查询电量", [battery]),
        ("电池还剩多少", [battery]),
        ("查看状态", [status]),
        ("紧急停止", [emergency]),
        ("急停", [emergency]),
        ("紧急降落", [land]),
        ("向前飞30厘米紧急降落", [forward(30), land]),
        ("马上起飞", [takeoff]),
        ("向前飞", [forward(30)]),
        // Sequences.
        ("起飞然后降落", [takeoff, land]),
        ("起飞，向上飞行30厘米，再顺时针旋转90度，悬停5秒，降落", [takeoff, up(30), cw(90), hover(5), land]),
        ("起飞并向前飞50厘米", [takeoff, forward(50)]),
        ("起飞，接着向右飞一米，然后左转，最后降落", [takeoff, right(100), ccw(90), land]),
        ("向前飞30厘米后左转90度", [forward(30), ccw(90)]),
        ("起飞向前飞50厘米降落", [takeoff, forward(50), land]),
        ("请起飞。", [takeoff]),
        ("起飞；悬停3秒；降落", [takeoff, hover(3), land]),
        ("ＴＡＫＥＯＦＦ，降落", [takeoff, land]),
        ("降落后查询电量", [land, battery]),
        ("向前飞行五十厘米然后向左转九十度", [forward(50), ccw(90)]),
        ("往前飞两米，再往后退一米", [forward(200), back(100)]),
        ("升高30厘米", [up(30)]),
        ("旋转一周", [cw(360)]),
        ("起飞 then 降落", [takeoff, land]),
    ]

    static let english: [(String, [Step])] = [
        ("take off", [takeoff]),
        ("Takeoff", [takeoff]),
        ("land", [land]),
        ("move forward 50 cm", [forward(50)]),
        ("go up 30cm", [up(30)]),
        ("fly back 1.5 m", [back(150)]),
        ("move left two meters", [left(200)]),
        ("move right one hundred and fifty centimeters", [right(150)]),
        ("ascend thirty-five cm", [up(35)]),
        ("descend 40", [down(40)]),
        ("turn left", [ccw(90)]),
        ("turn right 45 degrees", [cw(45)]),
        ("rotate clockwise 90", [cw(90)]),
        ("rotate counterclockwise 180 degrees", [ccw(180)]),
        ("rotate anti-clockwise 30 deg", [ccw(30)]),
        ("turn around", [cw(180)]),
        ("spin one turn", [cw(360)]),
        ("hover for 5 seconds", [hover(5)]),
        ("wait 2 s", [hover(2)]),
        ("hover", [hover()]),
        ("check battery", [battery]),
        ("get status", [status]),
        ("emergency stop", [emergency]),
        ("emergency landing", [land]),
        ("kill motors", [emergency]),
        ("move forward", [forward(30)]),
        ("take off and move forward 50 cm then land", [takeoff, forward(50), land]),
        ("take off, go up 1 m, turn right, after that land", [takeoff, up(100), cw(90), land]),
        ("Take off. Then hover 3 seconds. Then land.", [takeoff, hover(3), land]),
        ("first take off, then fly forward half a meter, finally land", [takeoff, forward(50), land]),
    ]

    static let refusals: [(String, String)] = [
        ("", "指令为空"),
        ("   ", "指令为空"),
        ("，然后", "指令为空"),
        ("不要起飞", "否定词"),
        ("别降落", "否定词"),
        ("don't take off", "negation"),
        ("do not land", "negation"),
        ("向前飞10米", "距离1000厘米超出安全范围（20-500厘米）"),
        ("向前飞10厘米", "距离10厘米超出安全范围"),
        ("move forward 600 cm", "distance 600 cm is outside the safe range 20-500 cm"),
        ("顺时针旋转720度", "角度720度超出范围（1-360度）"),
        ("turn left 0 degrees", "angle 0 degrees is outside 1-360 degrees"),
        ("悬停5分钟", "悬停时间300秒超出范围"),
        ("hover for 2 minutes", "hover time 120 s is outside"),
        ("向前飞-30厘米", "超出安全范围"),
        ("翻滚", "不支持的动作（flip）"),
        ("do a flip", "unsupported action (flip)"),
        ("飞30厘米", "方向不明确"),
        ("fly 1 m", "unclear direction"),
        ("向前向左飞30厘米", "方向不明确"),
        ("向前飞30度", "单位与动作不符"),
        ("turn right 2 meters", "the unit does not fit"),
        ("向前飞30厘米50厘米", "数值不明确"),
        ("起飞3秒", "无法理解的指令：「3秒」"),
        ("唱首歌", "无法理解的指令：「唱首歌」"),
        ("不起飞", "否定词「不」"),
        ("飞高一点", "方向不明确"),
        ("make me a sandwich", "could not understand \"make me a sandwich\""),
        ("起飞然后跳舞", "无法理解的指令：「跳舞」"),
        (Array(repeating: "起飞", count: 21).joined(separator: "，"), "超过上限20个"),
    ]

    @Test(arguments: chinese + english)
    func plansPhrase(_ phrase: String, _ expected: [Step]) async throws {
        let plan = try await OfflinePlanner().plan(phrase)
        #expect(plan.commands.map(Step.init) == expected, "\(phrase)")
    }

    @Test(arguments: refusals)
    func refusesPhrase(_ phrase: String, _ reason: String) async {
        do {
            let plan = try await OfflinePlanner().plan(phrase)
            Issue.record("\(phrase) was planned as \(plan.commands.map(Step.init)), expected a refusal")
        } catch {
            #expect(error.message.contains(reason), "\(phrase): \(error.message)")
        }
    }

    @Test func coversAtLeastSixtyPhrases() {
        #expect(Self.chinese.count + Self.english.count + Self.refusals.count >= 60)
    }
}
