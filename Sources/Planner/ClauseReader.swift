import DroneVocabulary
import JSONValue

/// Reads one clause into one command, or explains why it cannot.
struct ClauseReader {
    let clause: [Character]
    let wording: Wording
    /// The clause as a string, and its ASCII words computed once for the English keyword tests.
    private let string: String
    private let words: Set<String>

    init(clause: [Character], wording: Wording) {
        self.clause = clause
        self.wording = wording
        string = String(clause)
        words = Set(string.split(whereSeparator: { !$0.isASCIILetter }).map(String.init))
    }

    static let negations: [String] = ["不要", "不用", "不准", "不许", "禁止", "别", "勿", "不", "don't", "dont", "do not", "never", "not "]
    static let unsupported: [(String, String)] = [
        ("翻滚", "flip"), ("翻转", "flip"), ("空翻", "flip"), ("flip", "flip"), ("throw", "throw"), ("抛飞", "throw"),
    ]

    /// Any negation makes the whole order refused: "不要起飞" must never take off.
    static func negation(in text: [Character]) -> String? {
        negations.first { word in text.indices.contains { text.hasPrefix(word, at: $0) } }
    }

    var text: String { string.trimmingSpaces }

    func has(_ chinese: [String], _ english: [String] = []) -> Bool {
        hasPhrase(chinese) || english.contains { words.contains($0) }
    }

    func hasPhrase(_ phrases: [String]) -> Bool {
        phrases.contains { phrase in clause.indices.contains { clause.hasPrefix(phrase, at: $0) } }
    }

    func command() throws(PlanningError) -> PlannedCommand {
        if let (_, name) = Self.unsupported.first(where: { hasPhrase([$0.0]) }) {
            throw PlanningError(wording.unsupported(name, clause: text))
        }
        guard let action = try action() else { throw PlanningError(wording.unknown(text)) }
        return try command(for: action)
    }

    /// Which action the clause names. Checked from most to least specific:
    /// 降落 before 紧急 (紧急降落 / emergency landing is a landing: `emergency`
    /// stops the motors in the air, never what someone asking to land means),
    /// 降落 before 下降 (down), 起飞/升空 before 上升 (up), 左转 (turn) before 向左 (move).
    private func action() throws(PlanningError) -> DroneAction? {
        if has(["降落", "着陆", "落地"], ["land", "landing"]) || hasPhrase(["touch down"]) { return .land }
        if has(["紧急", "急停", "停桨"], ["emergency"]) || hasPhrase(["kill motor", "stop motor", "e-stop"]) { return .emergency }
        if has(["起飞", "升空"], ["takeoff", "launch"]) || hasPhrase(["take off", "lift off"]) { return .takeoff }
        if has(["电量", "电池"], ["battery"]) { return .getBattery }
        if has(["状态"], ["status"]) { return .getStatus }
        if has(["悬停", "停留", "等待", "停顿", "保持", "停下", "停止"], ["hover", "wait", "pause", "stay", "hold", "stop"]) {
            return .hover
        }
        if has(["转", "旋", "掉头"], ["turn", "rotate", "spin", "yaw", "clockwise", "counterclockwise", "anticlockwise", "cw", "ccw"]) {
            return try rotation()
        }
        return try move()
    }

    private func rotation() throws(PlanningError) -> DroneAction {
        let counter = hasPhrase(["逆时针", "counterclockwise", "counter-clockwise", "counter clockwise", "anticlockwise", "anti-clockwise"])
            || words.contains("ccw")
        let clockwise = !counter && (hasPhrase(["顺时针", "clockwise"]) || words.contains("cw"))
        let left = has(["左"], ["left"])
        let right = has(["右"], ["right"])
        switch (counter || left, clockwise || right) {
        case (true, false): return .rotateCounterClockwise
        case (false, true): return .rotateClockwise
        case (true, true): throw PlanningError(wording.unclearDirection(text))
        // No direction named ("旋转90度", "turn around"): clockwise, the SDK's `cw`.
        case (false, false): return .rotateClockwise
        }
    }

    private func move() throws(PlanningError) -> DroneAction? {
        let directions: [(DroneAction, [String], [String])] = [
            (.moveForward, ["前"], ["forward", "forwards", "ahead", "front"]),
            (.moveBack, ["后"], ["back", "backward", "backwards"]),
            (.moveLeft, ["左"], ["left"]),
            (.moveRight, ["右"], ["right"]),
            (.moveUp, ["上", "升"], ["up", "upward", "upwards", "ascend", "climb", "rise", "higher"]),
            (.moveDown, ["下", "降"], ["down", "downward", "downwards", "descend", "lower"]),
        ]
        let named = directions.filter { has($0.1, $0.2) }.map(\.0)
        if named.count > 1 { throw PlanningError(wording.unclearDirection(text)) }
        if let direction = named.first { return direction }
        // "飞30厘米" / "fly 1 m": a movement without a direction is refused, not guessed.
        if has(["飞", "移动", "前进"], ["fly", "move", "go"]) { throw PlanningError(wording.unclearDirection(text)) }
        return nil
    }

    /// The step for `action`, its amount read from the clause (or the table's
    /// default) and checked against the table: out of range is refused, since
    /// an order's amount is an interpretation (`AmountParameter.policy`).
    private func command(for action: DroneAction) throws(PlanningError) -> PlannedCommand {
        let amounts = Quantity.scan(clause)
        guard amounts.count <= 1 else { throw PlanningError(wording.unclearAmount(text)) }
        guard let parameter = action.parameter else {
            if !amounts.isEmpty { throw PlanningError(wording.unclearAmount(text)) }
            return PlannedCommand(action, description: wording.describe(action, nil))
        }
        var amount = parameter.defaultShownInPlan ? parameter.defaultValue : nil
        if let q = amounts.first {
            amount = try convert(q, to: parameter.unit)
        } else if parameter.unit == .degrees, hasPhrase(["掉头", "turn around", "u-turn"]) {
            amount = 180
        }
        guard let amount else {
            return PlannedCommand(action, description: wording.describe(action, nil))
        }
        guard case .fits(let value) = parameter.check(amount, from: .order) else {
            throw PlanningError(wording.outOfRange(parameter, amount))
        }
        return PlannedCommand(action, amount: value, description: wording.describe(action, value))
    }

    /// The amount in the action's own unit (cm, degrees, seconds); a number
    /// without a unit is already in it. A unit of the wrong kind is refused.
    private func convert(_ q: Quantity, to unit: AmountUnit) throws(PlanningError) -> Double {
        switch (unit, q.unit) {
        case (_, nil): return q.value
        case (.centimetres, .centimetre?): return q.value
        case (.centimetres, .metre?): return q.value * 100
        case (.degrees, .degree?): return q.value
        case (.degrees, .turn?): return q.value * 360
        case (.seconds, .second?): return q.value
        case (.seconds, .minute?): return q.value * 60
        default: throw PlanningError(wording.wrongUnit(text))
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
