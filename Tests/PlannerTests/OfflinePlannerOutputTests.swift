import JSONValue
import Testing

@testable import Planner

@Suite struct OfflinePlannerOutputTests {
    @Test func describesStepsInTheOrdersLanguage() throws {
        let chinese = try OfflinePlanner().planNow("起飞后向前飞30厘米，然后顺时针旋转90度，悬停5秒")
        #expect(chinese.commands.map(\.description) == ["起飞", "向前飞行30厘米", "顺时针旋转90度", "悬停5秒"])
        let english = try OfflinePlanner().planNow("take off then turn left 45 degrees and hover")
        #expect(english.commands.map(\.description) == ["Take off", "Rotate counter-clockwise 45 degrees", "Hover"])
    }

    @Test func rawResponseIsThePlanAsJSON() throws {
        let plan = try OfflinePlanner().planNow("起飞，向上飞行30厘米")
        let raw = try JSONValue(parsing: plan.rawResponse)
        #expect(raw["planner"] == "offline")
        #expect(raw["commands"] == .array(plan.commands.map(\.json)))
        #expect(plan.rawResponse.contains("\"distance\":30"))
    }

    @Test func samePlanEveryTime() throws {
        let order = "起飞，接着向右飞一米，然后左转，最后降落"
        let first = try OfflinePlanner().planNow(order)
        for _ in 0..<5 { #expect(try OfflinePlanner().planNow(order) == first) }
    }

    @Test func numbersWithoutLettersStayChinese() {
        #expect(throws: PlanningError("无法理解的指令：「50」")) { try OfflinePlanner().planNow("50") }
    }

    @Test(arguments: [
        ("十", 10.0), ("十五", 15), ("二十", 20), ("三十五", 35), ("一百", 100), ("一百五", 150),
        ("一百五十", 150), ("一百零五", 105), ("两百", 200), ("两千五", 2500), ("一点五", 1.5), ("零", 0),
    ])
    func chineseNumerals(_ text: String, _ value: Double) {
        #expect(ChineseNumeral.value(of: Array(text)) == value)
    }

    @Test func chineseNumeralRejectsStrayCharacters() {
        #expect(ChineseNumeral.value(of: Array("一x")) == nil)
        #expect(ChineseNumeral.value(of: Array("一点")) == nil)
        #expect(ChineseNumeral.value(of: []) == nil)
    }
}
