import JSONValue

/// Requests of every type (docs/protocol.md), with valid, odd and invalid data.
extension Draft {
    static let moves = ["move_forward", "move_back", "move_left", "move_right", "move_up", "move_down"]
    static let turns = ["rotate_clockwise", "rotate_counter_clockwise"]

    /// Orders the offline planner flies, refuses, or cannot read.
    static let orders = [
        "起飞", "降落", "起飞后向前飞30厘米，然后降落", "向上飞50厘米", "向左飞40厘米", "顺时针旋转90度",
        "起飞，向右飞60厘米，逆时针旋转45度，然后降落", "take off, move forward 50 cm, then land", "悬停2秒",
        "向前飞1000米", "唱首歌", "", "   ", String(repeating: "飞", count: 1400),
    ]

    mutating func request() {
        let client = pick(open)
        requestCount += 1
        // Most runs connect the drone early: what breaks in flight needs a drone that flies.
        let early: JSONValue? = switch requestCount {
        case 1 where chance(0.7): ["type": "connect_drone"]
        case 2 where chance(0.5): ["type": "drone_command", "data": ["action": "takeoff"]]
        default: nil
        }
        var message: JSONValue = early ?? weighted([
            (10, ["type": "connect_drone"]), (2, ["type": "disconnect_drone"]), (30, droneCommand()),
            (14, naturalLanguage()), (5, ["type": "emergency"]), (4, ["type": "get_status"]),
            (2, ["type": "get_ai_settings"]), (2, aiSettings()), (2, ["type": "set_status_updates", "data": ["enabled": .bool(chance(0.5))]]),
            (1, ["type": "confirm_plan", "data": ["plan_id": "p1"]]), (1, ["type": pick(["fly_to_moon", "", "DRONE_COMMAND"])]),
            (1, ["type": "drone_command", "data": "not an object"]),
        ])
        // Ids are unique across clients, so every response names its request
        // and a broadcast copy is never taken for an answer.
        switch int(in: 0...19) {
        case 0: break  // no id: the response cannot be attributed, and is not checked
        case 1, 2: message["id"] = .number(Double(1000 + requestCount))
        default: message["id"] = .string("\(client)-\(requestCount)")
        }
        add(.send(client: client, payload: .json(message)))
        // A fault right behind an order or a move strikes while it is in flight.
        let flies = message["type"] == "natural_language_command" || Self.moves.contains(message["data"]?["action"]?.stringValue ?? "")
        if flies, chance(0.35) { inFlightFault() }
    }

    /// A short flight from one client: take off, a few moves and turns
    /// (faults may strike in between), maybe land. Alone, a move is refused
    /// on the ground, so the moves that matter need this order.
    mutating func flight() {
        let client = pick(open)
        var commands: [JSONValue] = []
        if chance(0.9) { commands.append(["type": "connect_drone"]) }
        commands.append(["type": "drone_command", "data": ["action": "takeoff"]])
        for _ in 0..<int(in: 1...3) {
            let turn = chance(0.3)
            let action = pick(turn ? Self.turns : Self.moves)
            let amount = turn ? int(in: 10...180) : int(in: 20...150)
            commands.append(["type": "drone_command", "data": ["action": .string(action), "parameters": [turn ? "degrees" : "distance": .number(Double(amount))]]])
        }
        if chance(0.6) { commands.append(["type": "drone_command", "data": ["action": "land"]]) }
        for var command in commands {
            requestCount += 1
            command["id"] = .string("\(client)-\(requestCount)")
            add(.send(client: client, payload: .json(command)))
            if command["data"]?["action"]?.stringValue.map({ Self.moves.contains($0) || Self.turns.contains($0) }) == true, chance(0.4) {
                inFlightFault()
            }
        }
    }

    mutating func droneCommand() -> JSONValue {
        let action: String = weighted([
            (5, "takeoff"), (3, "land"), (9, pick(Self.moves)), (3, pick(Self.turns)), (3, "get_battery"),
            (1, "get_status"), (2, "hover"), (2, "stop"), (2, "emergency"), (1, "barrel_roll"), (1, ""),
        ])
        var parameters: JSONValue = [:]
        if Self.moves.contains(action) {
            parameters = weighted([
                (6, ["distance": .number(Double(int(in: 20...200)))]), (1, ["distance": .number(Double(int(in: 501...2000)))]),
                (1, ["cm": .number(Double(int(in: 20...120)))]), (1, ["distance": "fifty"]), (1, ["distance": -30]),
                (1, ["distance": 0.3]), (1, [:]),
            ])
        } else if Self.turns.contains(action) {
            parameters = weighted([(4, ["degrees": .number(Double(int(in: 1...360)))]), (1, ["angle": 720]), (1, [:])])
        } else if action == "hover" {
            parameters = ["seconds": .number(Double(int(in: 1...30)) / 10)]
        }
        var data: JSONValue = ["action": .string(action)]
        if parameters != [:] || chance(0.3) { data["parameters"] = parameters }
        return ["type": "drone_command", "data": data]
    }

    mutating func naturalLanguage() -> JSONValue {
        let data: JSONValue = weighted([
            (12, ["command": .string(pick(Self.orders))]), (2, ["command": .string(pick(Self.orders)), "dry_run": true]),
            (1, ["command": "起飞", "dry_run": "yes"]), (1, [:]), (1, ["command": 12]),
        ])
        return ["type": "natural_language_command", "data": data]
    }

    mutating func aiSettings() -> JSONValue {
        let data: JSONValue = weighted([
            (1, ["provider": "openai", "model": "gpt-test", "base_url": "http://127.0.0.1:9/v1"]),
            (1, ["provider": "openai", "base_url": "http://example.invalid/v1"]),
            (1, ["provider": "martian"]), (1, [:]),
        ])
        return ["type": "update_ai_settings", "data": data]
    }
}
