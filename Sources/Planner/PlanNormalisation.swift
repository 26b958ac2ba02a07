import DroneVocabulary
import JSONValue

/// Turns whatever JSON a model produced into commands in our vocabulary.
///
/// Accepted shapes: `{"commands":[…]}` (the shape the system prompt asks
/// for), also under `actions`/`steps`/`plan`; a bare array of commands; one
/// command object. Per command: `action` (or `command`/`name`), lowercased,
/// spaces and hyphens as underscores, the aliases of `DroneVocabulary.table`
/// mapped (`forward`, `cw`, `take_off`…); `parameters` (or `params`/`args`)
/// with string numbers ("30", "30cm") made numbers and the table's parameter
/// aliases (`angle`, `duration`…) renamed, and the amount rounded to the
/// table's step (49.6 cm is 50, as it will be flown). An unknown action, a non-numeric
/// amount, an amount outside the table's range (refused, as the offline
/// planner refuses it: `AmountParameter.policy`), or an empty plan is a clear
/// error; a model's own `{"error": "…"}` is passed on as the reason.
package enum PlanNormalisation {
    static let listKeys = ["commands", "actions", "steps", "plan"]

    package static func commands(from json: JSONValue) throws(PlanningError) -> [PlannedCommand] {
        let list: [JSONValue]
        let reason = json["error"]?.stringValue ?? json["error"]?["message"]?.stringValue
        if let array = json.arrayValue {
            list = array
        } else if let found = listKeys.lazy.compactMap({ json[$0]?.arrayValue }).first {
            list = found
        } else if json["action"] != nil || json["command"]?.stringValue != nil {
            list = [json]
        } else {
            throw PlanningError(reason.map { "模型拒绝了指令：\($0)" } ?? "模型回复的JSON中没有commands列表")
        }
        guard !list.isEmpty else { throw PlanningError(reason.map { "模型拒绝了指令：\($0)" } ?? "模型没有给出任何动作") }
        var commands: [PlannedCommand] = []
        for (index, item) in list.enumerated() {
            commands.append(try command(from: item, index: index + 1))
        }
        return commands
    }

    static func command(from item: JSONValue, index: Int) throws(PlanningError) -> PlannedCommand {
        guard let object = item.objectValue else { throw PlanningError("第\(index)个动作不是JSON对象") }
        guard let rawName = (object["action"] ?? object["command"] ?? object["name"])?.stringValue else {
            throw PlanningError("第\(index)个动作缺少action字段")
        }
        guard let action = action(named: rawName) else { throw PlanningError("第\(index)个动作未知：\(rawName)") }
        let given = (object["parameters"] ?? object["params"] ?? object["args"])?.objectValue ?? [:]
        var amount: Double?
        if let parameter = action.parameter,
            let raw = parameter.aliases.lazy.compactMap({ given[$0] }).first, !raw.isNull
        {
            let name = parameter.name
            guard let value = number(raw) else { throw PlanningError("第\(index)个动作（\(action.rawValue)）的参数\(name)不是数字：\(raw.text)") }
            guard let checked = parameter.check(value, from: .order).flown else {
                let (lo, hi) = (parameter.format(parameter.range.lowerBound), parameter.format(parameter.range.upperBound))
                throw PlanningError("第\(index)个动作（\(action.rawValue)）的参数\(name)超出范围：\(parameter.format(value))（\(lo)-\(hi)\(parameter.unit.chinese)）")
            }
            amount = checked
        }
        return PlannedCommand(action, amount: amount, description: object["description"]?.stringValue ?? "")
    }

    static func action(named raw: String) -> DroneAction? {
        let key = String(raw.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }).trimmingSpaces
        guard let entry = DroneVocabulary.entry(named: key), entry.plannable else { return nil }
        return entry.action
    }

    /// 30, "30", "30cm", " 1.5 " -> a number; anything else nil.
    static func number(_ value: JSONValue) -> Double? {
        if let n = value.doubleValue, n.isFinite { return n }
        guard let text = value.stringValue?.trimmingSpaces else { return nil }
        let digits = text.prefix { $0.isASCIIDigit || $0 == "." || $0 == "-" }
        let unit = String(text.dropFirst(digits.count)).trimmingSpaces.lowercased()
        guard let n = Double(digits), n.isFinite, ["", "cm", "s", "sec", "seconds", "deg", "degrees", "°", "厘米", "秒", "度"].contains(unit) else {
            return nil
        }
        return n
    }
}
