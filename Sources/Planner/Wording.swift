import DroneVocabulary

/// What the offline planner says, in the order's language: step
/// descriptions (`description` in `ai_analysis.commands`) and refusals.
/// Chinese is the default, as in the original agent.
struct Wording {
    let chinese: Bool

    func describe(_ action: DroneAction, _ amount: Double?) -> String {
        let n = amount.map(Quantity.format)
        if chinese {
            switch action {
            case .takeoff: return "起飞"
            case .land: return "降落"
            case .emergency: return "紧急停止"
            case .moveForward: return "向前飞行\(n ?? "")厘米"
            case .moveBack: return "向后飞行\(n ?? "")厘米"
            case .moveLeft: return "向左飞行\(n ?? "")厘米"
            case .moveRight: return "向右飞行\(n ?? "")厘米"
            case .moveUp: return "向上飞行\(n ?? "")厘米"
            case .moveDown: return "向下飞行\(n ?? "")厘米"
            case .rotateClockwise: return "顺时针旋转\(n ?? "")度"
            case .rotateCounterClockwise: return "逆时针旋转\(n ?? "")度"
            case .hover: return n.map { "悬停\($0)秒" } ?? "悬停"
            case .getBattery: return "查询电量"
            case .getStatus: return "查询状态"
            case .stop: return "停止"
            }
        }
        switch action {
        case .takeoff: return "Take off"
        case .land: return "Land"
        case .emergency: return "Emergency stop"
        case .moveForward: return "Move forward \(n ?? "") cm"
        case .moveBack: return "Move back \(n ?? "") cm"
        case .moveLeft: return "Move left \(n ?? "") cm"
        case .moveRight: return "Move right \(n ?? "") cm"
        case .moveUp: return "Move up \(n ?? "") cm"
        case .moveDown: return "Move down \(n ?? "") cm"
        case .rotateClockwise: return "Rotate clockwise \(n ?? "") degrees"
        case .rotateCounterClockwise: return "Rotate counter-clockwise \(n ?? "") degrees"
        case .hover: return n.map { "Hover \($0) s" } ?? "Hover"
        case .getBattery: return "Check battery"
        case .getStatus: return "Check status"
        case .stop: return "Stop"
        }
    }

    var empty: String { chinese ? "指令为空" : "the order is empty" }

    func negated(_ word: String) -> String {
        chinese ? "指令含否定词「\(word)」，为安全起见不执行" : "the order contains a negation (\"\(word)\"); nothing is planned, for safety"
    }

    func tooManySteps(_ count: Int, limit: Int) -> String {
        chinese ? "指令包含\(count)个步骤，超过上限\(limit)个" : "the order has \(count) steps, more than the limit of \(limit)"
    }

    func tooLong(_ bytes: Int) -> String {
        let limit = OrderLimit.maximumBytes
        return chinese ? "指令过长：\(bytes) 字节，上限 \(limit) 字节" : "the order is too long: \(bytes) bytes, the limit is \(limit) bytes"
    }

    func unknown(_ clause: String) -> String {
        chinese ? "无法理解的指令：「\(clause)」" : "could not understand \"\(clause)\""
    }

    func unsupported(_ name: String, clause: String) -> String {
        chinese ? "不支持的动作（\(name)）：「\(clause)」" : "unsupported action (\(name)): \"\(clause)\""
    }

    func unclearDirection(_ clause: String) -> String {
        chinese ? "方向不明确：「\(clause)」" : "unclear direction in \"\(clause)\""
    }

    func unclearAmount(_ clause: String) -> String {
        chinese ? "数值不明确：「\(clause)」" : "unclear amount in \"\(clause)\""
    }

    func wrongUnit(_ clause: String) -> String {
        chinese ? "单位与动作不符：「\(clause)」" : "the unit does not fit the action in \"\(clause)\""
    }

    func outOfRange(_ parameter: AmountParameter, _ amount: Double) -> String {
        let (v, lo, hi) = (Quantity.format(amount), Quantity.format(parameter.range.lowerBound), Quantity.format(parameter.range.upperBound))
        switch (parameter.unit, chinese) {
        case (.centimetres, true): return "距离\(v)厘米超出安全范围（\(lo)-\(hi)厘米）"
        case (.degrees, true): return "角度\(v)度超出范围（\(lo)-\(hi)度）"
        case (.seconds, true): return "悬停时间\(v)秒超出范围（\(lo)-\(hi)秒）"
        case (.centimetres, false): return "distance \(v) cm is outside the safe range \(lo)-\(hi) cm"
        case (.degrees, false): return "angle \(v) degrees is outside \(lo)-\(hi) degrees"
        case (.seconds, false): return "hover time \(v) s is outside \(lo)-\(hi) s"
        }
    }
}
