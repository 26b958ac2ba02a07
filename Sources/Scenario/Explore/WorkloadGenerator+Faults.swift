import JSONValue

/// The fault schedule: simulator faults as steps, the 3002 mock's and the
/// LLM's scripts in the setup.
extension Draft {
    mutating func fault() {
        switch int(in: 0...10) {
        case 0, 1:
            // A loss burst: lossy for a while, then clean again.
            let direction = pick(LinkDirection.allCases)
            add(.fault(.loss(direction: direction, rate: pick([0.2, 0.5, 0.8, 1.0]))))
            add(.advance(.milliseconds(Int64(int(in: 500...9000)))))
            add(.fault(.loss(direction: direction, rate: 0)))
        case 2:
            // A link flap.
            add(.fault(.linkDown))
            add(.advance(.milliseconds(Int64(int(in: 200...6000)))))
            add(.fault(.linkUp))
        case 3: add(.fault(.replyDelay(.milliseconds(Int64(int(in: 1...12) * 1000)))))
        case 4: add(.fault(.lateReplies))
        case 5: add(.fault(.duplicateReplies(rate: pick([0.5, 1.0]))))
        case 6:
            add(.fault(.forcedReply(
                command: pick(["takeoff", "land", "forward", "cw", "battery?", "command"]),
                reply: pick(["error Motor stop", "error No valid imu", "error", "out of range", "ok"]))))
        case 7: add(.fault(.battery(percent: int(in: 3...60))))
        case 8: add(.fault(.motorStop))
        case 9: networkFault()
        default: add(.fault(.clear))
        }
    }

    /// A fault that strikes a command in flight: what makes its reply late,
    /// lost, doubled or an error, or takes the drone down under it.
    mutating func inFlightFault() {
        switch int(in: 0...7) {
        case 0, 1:
            add(.fault(.loss(direction: pick([.fromDrone, .both]), rate: 1)))
            add(.advance(.milliseconds(Int64(int(in: 1000...9000)))))
            add(.fault(.clear))
        case 2, 3:
            add(.fault(.linkDown))
            add(.advance(.milliseconds(Int64(int(in: 1000...9000)))))
            add(.fault(.linkUp))
        case 4: add(.fault(.replyDelay(.milliseconds(Int64(int(in: 6...20) * 1000)))))
        case 5: add(.fault(pick([.lateReplies, .duplicateReplies(rate: 1)])))
        case 6: add(.fault(.motorStop))
        default: fault()
        }
    }

    /// A fault of the network between agent and drone (in-memory runs):
    /// lost, doubled, slow and reordered datagrams for a while, or the drone
    /// cut off and let back. It takes the place of one of the two draws that
    /// cleared every fault, so most seeds play as they did before it existed.
    mutating func networkFault() {
        if chance(0.6) {
            add(.fault(.network(
                loss: pick([0, 0.1, 0.3, 0.6]), duplication: pick([0, 0.2, 0.5, 1.0]),
                delay: .milliseconds(Int64(pick([0, 20, 200, 1500]))), jitter: .milliseconds(Int64(pick([0, 50, 400, 3000]))))))
            add(.advance(.milliseconds(Int64(int(in: 500...9000)))))
            add(.fault(.network(loss: 0, duplication: 0, delay: .zero, jitter: .zero)))
        } else {
            add(.fault(.partition))
            add(.advance(.milliseconds(Int64(int(in: 200...6000)))))
            add(.fault(.heal))
        }
    }

    mutating func setup() -> ScenarioSetup {
        var setup = ScenarioSetup()
        setup.agent.stepPause = .milliseconds(Int64(pick([0, 200, 1000, 2000])))
        if chance(0.3) { setup.simulator.battery = int(in: 15...100) }
        // Half the runs fly a real drone's quirks: slower moves, replies after settling, SDK 3 on the TT.
        if chance(0.5) { setup.simulator.model = pick(SimulatorSetup.models) }
        var responses: [BackendResponse] = []
        for _ in 0..<weighted([(3, 0), (2, 1), (2, 2), (1, 4)]) {
            responses.append(weighted([
                (3, .reply(status: 200)), (2, .reply(status: 500, body: ["error": "boom"])), (1, .reply(status: 503)),
                (1, .reply(status: 200, delay: .seconds(6))), (1, .reply(status: 200, delay: .seconds(2))), (2, .close),
                // Never answers: the bridge's deadline must end the attempt, and the outbox retry it.
                (1, .hang),
            ]))
        }
        setup.backend = BackendScript(responses: responses, down: chance(0.15))
        if chance(0.35) {
            var replies: [LLMReply] = []
            for _ in 0..<int(in: 1...3) {
                replies.append(weighted([
                    (3, .content(Self.plans[int(in: 0...(Self.plans.count - 1))])), (1, .content("I am sorry, I cannot fly drones.")),
                    (1, .content("{\"commands\": [{\"action\": \"teleport\"}]}")), (1, .content(Self.plans[1], delay: Self.pastDeadline)), (1, .status(500, body: "overloaded")),
                    // Never answers: the planner's deadline must fire and the order be answered.
                    (1, .hang),
                    (1, .content(Self.plans[0], delay: .seconds(3))),
                ]))
            }
            setup.llm = LLMScript(replies: replies, then: .content(Self.plans[0]))
        }
        return setup
    }

    /// A model that answers, but only after the agent's 30 s deadline (one
    /// that never answers is `.hang`).
    static let pastDeadline: Duration = .seconds(31)

    /// Model replies the planner reads as plans.
    static let plans = [
        "{\"commands\": [{\"action\": \"takeoff\"}, {\"action\": \"move_forward\", \"parameters\": {\"distance\": 40}}, {\"action\": \"land\"}]}",
        "{\"commands\": [{\"action\": \"takeoff\"}, {\"action\": \"rotate_clockwise\", \"parameters\": {\"degrees\": 90}}, {\"action\": \"move_up\", \"parameters\": {\"distance\": 30}}]}",
        "```json\n{\"commands\": [{\"action\": \"land\"}]}\n```",
    ]
}
