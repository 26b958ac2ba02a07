import Agent
import DroneVocabulary
import JSONValue
import Testing

@Suite struct CheckedActionTests {
    private func move(_ action: String, _ parameters: [String: JSONValue]) -> (String, [String: JSONValue])? {
        guard case .move(let command, let report) = CheckedAction.resolve(action: action, parameters: parameters) else { return nil }
        return (command.text, report)
    }

    @Test func movesUseTheOriginalDefaultOf30cm() {
        #expect(move("move_forward", [:])?.0 == "forward 30")
        #expect(move("move_down", [:])?.0 == "down 30")
        #expect(move("rotate_clockwise", [:])?.0 == "cw 90")
        #expect(move("rotate_counter_clockwise", ["degrees": 45])?.0 == "ccw 45")
    }

    @Test func outOfRangeIsClampedAndReported() {
        let (text, report) = move("move_forward", ["distance": 900])!
        #expect(text == "forward 500")
        #expect(report["clamped"] == ["from": 900, "to": 500])
        #expect(report["distance"] == 500)
        #expect(move("move_up", ["distance": 5])?.1["clamped"] == ["from": 5, "to": 20])
        #expect(move("rotate_clockwise", ["degrees": 720])?.0 == "cw 360")
        #expect(move("move_left", ["distance": 1e300])?.0 == "left 500")
    }

    @Test func edgesAreNotClamped() {
        #expect(move("move_back", ["distance": 20])?.1["clamped"] == nil)
        #expect(move("move_back", ["distance": 500])?.1["clamped"] == nil)
        #expect(move("rotate_clockwise", ["degrees": 1])?.0 == "cw 1")
    }

    @Test func numericStringsAndFractionsAreAccepted() {
        #expect(move("move_forward", ["distance": "50"])?.0 == "forward 50")
        #expect(move("move_forward", ["distance": 49.6])?.0 == "forward 50")
        #expect(move("rotate_clockwise", ["angle": 30])?.0 == "cw 30")
    }

    @Test(arguments: [JSONValue.string("far"), .bool(true), .number(-30), .number(0), .null, .array([1]), ["a": 1]])
    func nonPositiveOrNonNumbersAreRefusedByName(value: JSONValue) {
        guard case .refused(.invalidParameter(let name, _)) = CheckedAction.resolve(action: "move_forward", parameters: ["distance": value]) else {
            Issue.record("expected a refusal for \(value.text)")
            return
        }
        #expect(name == "distance")
    }

    @Test func unknownParametersAreIgnoredAndListed() {
        let (text, report) = move("move_right", ["distance": 40, "speed": 99, "colour": "red"])!
        #expect(text == "right 40")
        #expect(report["ignored_parameters"] == ["colour", "speed"])
    }

    @Test func unknownActionIsRefused() {
        #expect(CheckedAction.resolve(action: "barrel_roll", parameters: [:]) == .refused(.unknownAction("barrel_roll")))
    }

    @Test func simpleActionsAndHover() {
        #expect(CheckedAction.resolve(action: "takeoff", parameters: ["junk": 1]) == .takeoff)
        #expect(CheckedAction.resolve(action: "emergency", parameters: [:]) == .emergency)
        #expect(CheckedAction.resolve(action: "get_battery", parameters: [:]) == .readBattery)
        guard case .hover(let seconds, let report) = CheckedAction.resolve(action: "hover", parameters: ["seconds": 500]) else {
            Issue.record("expected hover")
            return
        }
        #expect(seconds == 60)
        #expect(report["clamped"] == ["from": 500, "to": 60])
    }

    @Test func movementTimeoutsGrowWithDistanceAndMovesAreNeverRetryable() {
        guard case .move(let short, _) = CheckedAction.resolve(action: "move_forward", parameters: ["distance": 20]),
              case .move(let long, _) = CheckedAction.resolve(action: "move_forward", parameters: ["distance": 500])
        else { Issue.record("expected moves"); return }
        #expect(long.timeout > short.timeout)
        #expect(!long.isRetryable)
        #expect(DroneCommand.battery.isRetryable)
        #expect(DroneCommand.takeoff.timeout == .seconds(20))
    }

    /// A plan's step is held to the order policy: out of range is refused,
    /// never clamped (a client's own drone_command is clamped, above).
    @Test func aPlansOutOfRangeStepIsRefusedNotClamped() {
        guard case .refused(.invalidParameter(let name, let why)) =
                CheckedAction.checked(.moveForward, amount: 900, from: .order) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(name == "distance")
        #expect(why == "must be within 20-500 cm")
        guard case .move(let command, _) = CheckedAction.checked(.moveForward, amount: 900, from: .command) else {
            Issue.record("expected a clamped move")
            return
        }
        #expect(command.text == "forward 500")
    }

    @Test func hoverKeepsTenthsAndDefaultsTo3Seconds() {
        #expect(CheckedAction.resolve(action: "hover", parameters: ["seconds": 0.3]) == .hover(seconds: 0.3, report: ["seconds": 0.3]))
        #expect(CheckedAction.resolve(action: "hover", parameters: [:]) == .hover(seconds: 3, report: ["seconds": 3]))
        guard case .refused(.invalidParameter("seconds", _)) = CheckedAction.resolve(action: "hover", parameters: ["seconds": 0.04]) else {
            Issue.record("0.04 s rounds to 0: refused")
            return
        }
    }
}
