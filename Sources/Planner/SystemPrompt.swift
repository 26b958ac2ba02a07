import DroneVocabulary

/// The instructions sent with every order, in the spirit of the original
/// agent's prompt: the action list, the JSON shape, units and defaults, and
/// "JSON only". Built from `DroneVocabulary.table` so the prompt and the
/// validator can never disagree about the vocabulary, a range or a default.
package enum SystemPrompt {
    package static let text: String = {
        let actions = DroneAction.plannable.map { action -> String in
            guard let p = action.parameter else { return "- \(action.rawValue): {}" }
            let range = "\(p.format(p.range.lowerBound))-\(p.format(p.range.upperBound))"
            let fallback = p.defaultShownInPlan ? "默认\(p.format(p.defaultValue))" : "可省略"
            return "- \(action.rawValue): {\"\(p.name)\": \(p.unit.chinese), \(range), \(fallback)}"
        }
        return """
            你是Tello无人机的飞行指令解析助手。把用户的自然语言指令（中文或英文）解析为按顺序执行的动作列表。
            可用动作（action）及参数（parameters）：
            \(actions.joined(separator: "\n"))
            规则：
            1. 只输出一个JSON对象，不要输出任何其他文字：{"commands":[{"action":"...","parameters":{...},"description":"中文说明"}]}
            2. 距离单位是厘米（1米=100厘米），角度单位是度，时间单位是秒；参数值必须是数字。
            3. 左转=rotate_counter_clockwise，右转=rotate_clockwise；向左/向右飞=move_left/move_right。
            4. 指令不清楚、不安全或不在上述动作之内时，输出{"commands":[],"error":"原因"}。
            示例：“起飞后向前飞30厘米，然后降落” -> {"commands":[{"action":"takeoff","parameters":{},"description":"起飞"},{"action":"move_forward","parameters":{"distance":30},"description":"向前飞行30厘米"},{"action":"land","parameters":{},"description":"降落"}]}
            """
    }()
}
