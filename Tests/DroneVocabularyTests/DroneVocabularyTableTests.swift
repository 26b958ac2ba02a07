import DroneVocabulary
import TelloSDK
import Testing

/// The table's own invariants: one row per action, no name that means two
/// things, ranges inside what the drone takes, defaults inside the ranges.
@Suite struct DroneVocabularyTableTests {
    @Test func everyActionHasExactlyOneRow() {
        #expect(DroneVocabulary.table.map(\.action).sorted { $0.rawValue < $1.rawValue }
                == DroneAction.allCases.sorted { $0.rawValue < $1.rawValue })
    }

    @Test func noAliasIsAnotherActionsName() {
        let aliases = DroneVocabulary.table.flatMap(\.aliases)
        #expect(Set(aliases).count == aliases.count, "an alias names two actions")
        for alias in aliases { #expect(DroneAction(rawValue: alias) == nil, "\(alias) is a protocol name") }
    }

    @Test(arguments: DroneAction.allCases)
    func defaultsAreInsideTheRangeAndOnTheStep(action: DroneAction) {
        guard let parameter = action.parameter else { return }
        #expect(parameter.aliases.first == parameter.name)
        #expect(parameter.check(parameter.defaultValue, from: .order) == .fits(parameter.defaultValue))
        #expect(parameter.check(parameter.range.lowerBound, from: .order) == .fits(parameter.range.lowerBound))
        #expect(parameter.check(parameter.range.upperBound, from: .order) == .fits(parameter.range.upperBound))
    }

    /// What is sent for the range's ends is what the SDK parser accepts: the
    /// table cannot promise a value the drone would refuse.
    @Test(arguments: DroneAction.allCases)
    func rangeEndsAreLegalSDKCommands(action: DroneAction) throws {
        guard let parameter = action.parameter else { return }
        for amount in [parameter.range.lowerBound, parameter.defaultValue, parameter.range.upperBound] {
            guard let command = action.telloCommand(amount: amount) else { continue }
            #expect(try TelloCommand(parsing: command.text) == command)
        }
    }

    @Test func outOfRangeIsRefusedFromOrdersAndClampedFromCommands() {
        let distance = DroneVocabulary.distance
        #expect(distance.check(900, from: .order) == .outOfRange(900))
        #expect(distance.check(900, from: .command) == .clamped(from: 900, to: 500))
        #expect(distance.check(5, from: .command) == .clamped(from: 5, to: 20))
        #expect(distance.check(19.6, from: .order) == .fits(20), "rounded to the step before the range check")
        #expect(distance.check(0.4, from: .command) == .notPositive, "rounds to 0: not a smaller flight")
        #expect(distance.check(-30, from: .command) == .notPositive)
        #expect(distance.check(1e300, from: .command) == .clamped(from: 1e9, to: 500))
    }

    @Test func hoverIsInTenthsOfASecond() {
        let seconds = DroneVocabulary.seconds
        #expect(seconds.check(0.3, from: .command) == .fits(0.3))
        #expect(seconds.check(0.3, from: .order) == .fits(0.3))
        #expect(seconds.check(2.46, from: .command) == .fits(2.5))
        #expect(seconds.check(0.04, from: .command) == .notPositive)
        #expect(seconds.check(500, from: .command) == .clamped(from: 500, to: 60))
        #expect(seconds.format(0.3) == "0.3" && seconds.format(3) == "3")
    }

    @Test func namesAndAliasesFindTheirRow() {
        #expect(DroneVocabulary.entry(named: "cw")?.action == .rotateClockwise)
        #expect(DroneVocabulary.entry(named: "move_up")?.action == .moveUp)
        #expect(DroneVocabulary.entry(named: "stop")?.plannable == false)
        #expect(DroneVocabulary.entry(named: "fly") == nil)
        #expect(!DroneAction.plannable.contains(.stop))
    }

    /// The "sent to the drone" column, written out by hand as docs/protocol.md
    /// states it: a wrong direction in the table's mapping fails here, and an
    /// action added to the table fails until its command is written down.
    @Test func eachActionSendsWhatTheProtocolPageSays() {
        let sent: [DroneAction: String?] = [
            .takeoff: "takeoff", .land: "land", .emergency: "emergency", .stop: "stop",
            .moveForward: "forward 30", .moveBack: "back 30", .moveLeft: "left 30", .moveRight: "right 30",
            .moveUp: "up 30", .moveDown: "down 30", .rotateClockwise: "cw 90", .rotateCounterClockwise: "ccw 90",
            .getBattery: "battery?", .hover: nil, .getStatus: nil,
        ]
        #expect(Set(sent.keys) == Set(DroneAction.allCases))
        for action in DroneAction.allCases {
            #expect(action.telloCommand(amount: action.parameter?.defaultValue)?.text == sent[action] ?? nil, "\(action.rawValue)")
        }
    }
}
