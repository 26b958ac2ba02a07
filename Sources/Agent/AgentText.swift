import DroneVocabulary
import JSONValue

/// Which language human-readable `message`/`error` texts use.
///
/// Chinese is the default because the original agent and its front end speak
/// Chinese (docs/protocol.md: Chinese by default); English is an
/// opt-in catalogue. Clients must never parse these texts: every outcome is
/// also carried by machine fields (`success`, `action`, `clamped`, ...).
package enum AgentLanguage: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"
}

/// Every human-readable text the agent sends, in one place, so the two
/// catalogues cannot drift apart and tests can name a text without copying it.
///
/// Texts that quote client input (an unknown type or action, a bad value)
/// quote it through `Echo`, bounded: the quote is for the user to see what
/// was wrong, never a copy of an arbitrarily large input.
package enum AgentText: Sendable, Equatable {
    case connectionEstablished
    case invalidJSON
    case notAnObject
    case missingType
    case dataNotObject
    case unknownType(String)
    case droneConnected(battery: Int)
    /// The embedded drone had switched itself off (overheated) and was switched on before connecting.
    case droneSwitchedOnAndConnected(battery: Int)
    case droneDisconnected
    case droneNotConnected
    case statusSnapshot
    case videoStarted
    case videoStopped
    case videoUnavailable(String)
    case plannedOnly
    case planExecuted(executed: Int, total: Int)
    case planFailed(step: Int, total: Int)
    case missingCommandText
    case missingAction
    case unknownAction(String)
    case actionDone(String)
    case alreadyFlying
    case notFlying
    case hovered(seconds: Double)
    case batteryLevel(Int)
    case invalidParameter(name: String, why: String)
    case droneError(String)
    case droneTimeout(String)
    /// A real drone did not answer `command`: perhaps it switched itself off.
    case droneSilentOnConnect(String)
    case linkLost
    case planCancelled
    case urgentSentAhead(String)
    case cancelledByDisconnect
    case cancelledByShutdown
    case shuttingDown
    case busy
    case tooManyRequests(Int)
    case tooManyQueued(Int)
    case orderTooLong(bytes: Int, limit: Int)
    case aiSettingsUpdated
    case aiSettingsInvalid(String)
    case wrongFieldType(field: String, expected: FieldType)
    case idTooLong(Int)
    /// The preflight found `rule` broken at `step` (1-based) of `total`; nothing was sent.
    case preflightRefused(step: Int, total: Int, rule: String, detail: String)
    case dryRun(steps: Int, seconds: Double)
    case planAwaitingConfirmation(id: String, seconds: Int)
    case planNotPending(String)
    case missingPlanID

    package func render(_ language: AgentLanguage) -> String {
        switch language {
        case .chinese: chinese
        case .english: english
        }
    }

    private var chinese: String {
        switch self {
        case .connectionEstablished: "连接已建立，等待命令..."
        case .invalidJSON: "无效的JSON格式"
        case .notAnObject: "消息必须是JSON对象"
        case .missingType: "缺少消息类型字段 type（必须是字符串）"
        case .dataNotObject: "data 字段必须是JSON对象"
        case .unknownType(let type): "未知消息类型: \(Echo.text(type))"
        case .droneConnected(let battery): "无人机连接成功，电量: \(battery)%"
        case .droneSwitchedOnAndConnected(let battery):
            "内置模拟无人机在地面停机过久、过热后已自行关机，现已重新开机（如同按下电源键）；无人机连接成功，电量: \(battery)%"
        case .droneDisconnected: "无人机已断开连接"
        case .droneNotConnected: "无人机未连接"
        case .statusSnapshot: "状态获取成功"
        case .videoStarted: "视频流已开启"
        case .videoStopped: "视频流已关闭"
        case .videoUnavailable(let why): "无法接收视频: \(Echo.text(why))"
        case .plannedOnly: "AI解析完成（无人机未连接，未执行动作）"
        case .planExecuted(let executed, let total): "AI命令执行完成: \(executed)/\(total) 步成功"
        case .planFailed(let step, let total): "AI命令执行在第 \(step)/\(total) 步失败，后续步骤已取消"
        case .missingCommandText: "缺少自然语言命令 data.command（必须是非空字符串）"
        case .missingAction: "缺少动作 data.action（必须是字符串）"
        case .unknownAction(let action): "未知动作: \(Echo.text(action))"
        case .actionDone(let action): "\(Self.chineseActionName(action))成功"
        case .alreadyFlying: "无人机已在飞行中"
        case .notFlying: "无人机未在飞行"
        case .hovered(let seconds): "悬停 \(AmountParameter.format(seconds)) 秒完成"
        case .batteryLevel(let battery): "电量: \(battery)%"
        case .invalidParameter(let name, let why): "参数 \(Echo.text(name)) 无效: \(Echo.text(why, limit: 2 * Echo.limit))"
        case .droneError(let reply): "无人机返回错误: \(Echo.text(reply))"
        case .droneTimeout(let command): "无人机未在规定时间内响应: \(Echo.text(command))"
        case .droneSilentOnConnect(let command):
            "无人机未在规定时间内响应: \(Echo.text(command))（Tello 在地面且电机停转约 4 分钟后会自行关机；若已关机，请按电源键开机后重试）"
        case .linkLost: "与无人机的连接已中断"
        case .planCancelled: "执行已被紧急命令取消"
        case .urgentSentAhead(let action): "\(Self.chineseActionName(action))已发送，随后的紧急命令在等待无人机回复"
        case .cancelledByDisconnect: "无人机已断开连接，执行已取消"
        case .cancelledByShutdown: "智能体正在关闭，执行已取消"
        case .shuttingDown: "智能体正在关闭，不再接受新的请求"
        case .busy: "无人机正忙：已有一个计划在执行"
        case .tooManyRequests(let limit): "请求过多：每个连接最多同时处理 \(limit) 个查询"
        case .tooManyQueued(let limit): "请求过多：每个连接最多排队 \(limit) 个待执行的命令"
        case .orderTooLong(let bytes, let limit): "指令过长：\(bytes) 字节，上限 \(limit) 字节"
        case .aiSettingsUpdated: "AI设置已更新"
        case .aiSettingsInvalid(let why): "AI设置无效: \(Echo.text(why, limit: 2 * Echo.limit))"
        case .wrongFieldType(let field, .boolean): "字段 \(Echo.text(field)) 类型错误：应为布尔值（true 或 false）"
        case .wrongFieldType(let field, .object): "字段 \(Echo.text(field)) 类型错误：应为JSON对象"
        case .idTooLong(let limit): "id 过长：最多 \(limit) 个字符"
        case .preflightRefused(let step, let total, let rule, let detail):
            "飞行前检查未通过：第 \(step)/\(total) 步违反规则 \(rule)（\(detail)），未向无人机发送任何命令"
        case .dryRun(let steps, let seconds): "预演完成：\(steps) 步，预计 \(AmountParameter.format(seconds)) 秒，未执行"
        case .planAwaitingConfirmation(let id, let seconds): "计划 \(id) 等待确认（confirm_plan），\(seconds) 秒内有效"
        case .planNotPending(let id): "没有等待确认的计划 \(Echo.text(id))（未知、已确认或已过期）"
        case .missingPlanID: "缺少 data.plan_id（必须是字符串）"
        }
    }

    private var english: String {
        switch self {
        case .connectionEstablished: "Connection established, waiting for commands..."
        case .invalidJSON: "Invalid JSON format"
        case .notAnObject: "A message must be a JSON object"
        case .missingType: "Missing message type field `type` (must be a string)"
        case .dataNotObject: "The `data` field must be a JSON object"
        case .unknownType(let type): "Unknown message type: \(Echo.text(type))"
        case .droneConnected(let battery): "Drone connected, battery: \(battery)%"
        case .droneSwitchedOnAndConnected(let battery):
            "The embedded drone had switched itself off (overheated on the ground with its motors off) and was switched on again, as with its power button; drone connected, battery: \(battery)%"
        case .droneDisconnected: "Drone disconnected"
        case .droneNotConnected: "Drone not connected"
        case .statusSnapshot: "Status read"
        case .videoStarted: "Video stream started"
        case .videoStopped: "Video stream stopped"
        case .videoUnavailable(let why): "Cannot receive video: \(Echo.text(why))"
        case .plannedOnly: "AI analysis done (drone not connected, nothing flown)"
        case .planExecuted(let executed, let total): "AI commands done: \(executed)/\(total) steps succeeded"
        case .planFailed(let step, let total): "AI commands failed at step \(step)/\(total); the rest was cancelled"
        case .missingCommandText: "Missing natural-language order data.command (a non-empty string)"
        case .missingAction: "Missing data.action (a string)"
        case .unknownAction(let action): "Unknown action: \(Echo.text(action))"
        case .actionDone(let action): "\(Echo.text(action)) done"
        case .alreadyFlying: "The drone is already flying"
        case .notFlying: "The drone is not flying"
        case .hovered(let seconds): "Hovered for \(AmountParameter.format(seconds)) s"
        case .batteryLevel(let battery): "Battery: \(battery)%"
        case .invalidParameter(let name, let why): "Invalid parameter \(Echo.text(name)): \(Echo.text(why, limit: 2 * Echo.limit))"
        case .droneError(let reply): "The drone replied with an error: \(Echo.text(reply))"
        case .droneTimeout(let command): "The drone did not answer in time: \(Echo.text(command))"
        case .droneSilentOnConnect(let command):
            "The drone did not answer in time: \(Echo.text(command)) (a Tello left on the ground with its motors off switches itself off after about 4 minutes; if it is off, press its power button and try again)"
        case .linkLost: "The link to the drone is lost"
        case .planCancelled: "Cancelled by an emergency command"
        case .urgentSentAhead(let action): "\(action) sent; a later urgent command awaits the drone's answer"
        case .cancelledByDisconnect: "Cancelled: the drone was disconnected"
        case .cancelledByShutdown: "Cancelled: the agent is shutting down"
        case .shuttingDown: "The agent is shutting down and takes no new requests"
        case .busy: "The drone is busy: a plan is already running"
        case .tooManyRequests(let limit): "Too many requests: at most \(limit) reads are handled at once per connection"
        case .tooManyQueued(let limit): "Too many requests: at most \(limit) commands wait per connection"
        case .orderTooLong(let bytes, let limit): "The order is too long: \(bytes) bytes, the limit is \(limit) bytes"
        case .aiSettingsUpdated: "AI settings updated"
        case .aiSettingsInvalid(let why): "Invalid AI settings: \(Echo.text(why, limit: 2 * Echo.limit))"
        case .wrongFieldType(let field, .boolean): "Field \(Echo.text(field)) must be a boolean (true or false)"
        case .wrongFieldType(let field, .object): "Field \(Echo.text(field)) must be a JSON object"
        case .idTooLong(let limit): "id too long: at most \(limit) characters"
        case .preflightRefused(let step, let total, let rule, let detail):
            "Preflight refused the plan: step \(step)/\(total) breaks \(rule) (\(detail)); nothing was sent to the drone"
        case .dryRun(let steps, let seconds): "Dry run: \(steps) steps, about \(AmountParameter.format(seconds)) s, nothing flown"
        case .planAwaitingConfirmation(let id, let seconds): "Plan \(id) awaits confirm_plan, valid for \(seconds) s"
        case .planNotPending(let id): "No plan \(Echo.text(id)) awaits confirmation (unknown, confirmed or expired)"
        case .missingPlanID: "Missing data.plan_id (a string)"
        }
    }

    private static func chineseActionName(_ action: String) -> String {
        switch action {
        case "takeoff": "起飞"
        case "land": "降落"
        case "emergency": "紧急停止"
        case "stop": "停止并悬停"
        case "move_forward": "向前飞行"
        case "move_back": "向后飞行"
        case "move_left": "向左飞行"
        case "move_right": "向右飞行"
        case "move_up": "向上飞行"
        case "move_down": "向下飞行"
        case "rotate_clockwise": "顺时针旋转"
        case "rotate_counter_clockwise": "逆时针旋转"
        case "get_battery": "获取电量"
        case "get_status": "获取状态"
        default: Echo.text(action)
        }
    }
}
