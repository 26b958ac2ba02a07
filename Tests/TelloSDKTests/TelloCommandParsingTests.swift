import Testing
@testable import TelloSDK

@Suite("TelloCommand parsing and text")
struct TelloCommandParsingTests {
    static let valid: [(String, TelloCommand)] = [
        ("command", .command), ("takeoff", .takeoff), ("land", .land),
        ("streamon", .streamOn), ("streamoff", .streamOff), ("emergency", .emergency), ("stop", .stop),
        ("up 20", .move(.up, centimeters: 20)), ("down 500", .move(.down, centimeters: 500)),
        ("left 21", .move(.left, centimeters: 21)), ("right 499", .move(.right, centimeters: 499)),
        ("forward 100", .move(.forward, centimeters: 100)), ("back 30", .move(.back, centimeters: 30)),
        ("cw 1", .rotate(.clockwise, degrees: 1)), ("ccw 360", .rotate(.counterClockwise, degrees: 360)),
        ("flip l", .flip(.left)), ("flip r", .flip(.right)), ("flip f", .flip(.forward)), ("flip b", .flip(.back)),
        ("go 21 0 0 10", .go(Vector3(21, 0, 0), speed: 10, pad: nil)),
        ("go -500 500 -21 100", .go(Vector3(-500, 500, -21), speed: 100, pad: nil)),
        ("go 0 0 100 25 m2", .go(Vector3(0, 0, 100), speed: 25, pad: MissionPadID(2))),
        ("curve 25 25 0 60 40 0 60", .curve(via: Vector3(25, 25, 0), to: Vector3(60, 40, 0), speed: 60, pad: nil)),
        ("curve 50 0 30 100 0 0 10 m8", .curve(via: Vector3(50, 0, 30), to: Vector3(100, 0, 0), speed: 10, pad: MissionPadID(8))),
        ("jump -500 0 21 100 360 m8 m1", .jump(Vector3(-500, 0, 21), speed: 100, yaw: 360, from: MissionPadID(8)!, to: MissionPadID(1)!)),
        ("jump 100 0 80 50 -360 m1 m2", .jump(Vector3(100, 0, 80), speed: 50, yaw: -360, from: MissionPadID(1)!, to: MissionPadID(2)!)),
        ("speed 10", .setSpeed(10)), ("speed 100", .setSpeed(100)),
        ("rc -100 100 0 -5", .rc(RemoteControl(leftRight: -100, forwardBack: 100, upDown: 0, yaw: -5))),
        ("wifi home secret", .wifi(ssid: "home", password: "secret")),
        ("ap lab pass1234", .accessPoint(ssid: "lab", password: "pass1234")),
        ("mon", .missionPadDetection(enabled: true)), ("moff", .missionPadDetection(enabled: false)),
        ("mdirection 0", .missionPadDirection(.downward)), ("mdirection 2", .missionPadDirection(.both)),
    ] + ReadQuery.allCases.map { ($0.rawValue, TelloCommand.read($0)) }

    @Test("every valid command parses and renders back to the same text", arguments: valid)
    func roundTrip(text: String, expected: TelloCommand) throws {
        let parsed = try TelloCommand(parsing: text)
        #expect(parsed == expected)
        #expect(parsed.text == text)
        #expect(try TelloCommand(parsing: parsed.text) == parsed)
    }

    @Test func surroundingWhitespaceAndRepeatedSpacesAreIgnored() throws {
        #expect(try TelloCommand(parsing: "  forward   50\r\n") == .move(.forward, centimeters: 50))
    }

    static let outOfRange: [String] = [
        "up 19", "down 501", "forward 0", "back -20", "cw 0", "ccw 361", "cw 3600",
        "speed 9", "speed 101", "go 501 0 0 50", "go 0 -501 0 50", "go 100 0 0 9", "go 100 0 0 101",
        "curve 20 20 0 60 40 0 61", "curve 20 20 0 60 40 0 9", "curve 20 20 501 60 40 0 30",
        "jump 100 0 80 50 361 m1 m2", "jump 100 0 80 50 -361 m1 m2", "jump 100 0 80 9 0 m1 m2",
        "curve -501 20 0 60 40 0 30", "curve 25 25 0 60 501 0 30", "go 100 0 501 50", "jump 100 0 80 101 0 m1 m2",
        "rc 101 0 0 0", "rc 0 -101 0 0", "rc 0 0 101 0", "rc 0 0 0 -101", "mdirection 3", "mdirection -1",
        // dead zone: all three within -20...20
        "go 20 -20 0 50", "go 0 0 0 10", "curve 10 10 10 60 40 0 30", "curve 60 40 0 -20 20 5 30",
        "jump 0 0 20 50 0 m1 m2",
    ]

    @Test("numbers outside the SDK ranges are refused with 'out of range'", arguments: outOfRange)
    func rejectsOutOfRange(text: String) {
        #expect(throws: TelloCommandError.self) { try TelloCommand(parsing: text) }
        do { _ = try TelloCommand(parsing: text) } catch { #expect(error.droneReply == .outOfRange) }
    }

    static let malformed: [String] = [
        "forward", "forward 20 30", "forward ten", "forward 20.5", "cw", "flip", "flip x", "flip left",
        "go 100 0 0", "go 100 0 0 50 m9", "go 100 0 0 50 x1", "go 100 0 0 50 m1 m2", "curve 1 2 3",
        "jump 100 0 80 50 0 m1", "speed", "rc 0 0 0", "wifi onlyssid", "takeoff now", "battery? 1",
    ]

    @Test("malformed commands are refused with a bare 'error'", arguments: malformed)
    func rejectsMalformed(text: String) {
        do {
            _ = try TelloCommand(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.droneReply == .error(nil))
            #expect(!error.description.isEmpty)
        }
    }

    @Test(arguments: ["hover", "Takeoff", "fly 20", "throwfly"])
    func unknownWordsGetUnknownCommand(text: String) {
        do {
            _ = try TelloCommand(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            let word = String(text.split(separator: " ")[0])
            #expect(error == .unknownCommand(word))
            #expect(error.droneReply.text == "unknown command: \(word)")
        }
    }

    /// Found by the fuzz target: a combining mark right after a space made the space
    /// part of one Character, so the rendered text no longer split into the same words.
    @Test func combiningMarksAfterASpaceDoNotGlueWords() throws {
        let command = try TelloCommand(parsing: "ap\n\u{065C}\u{FFFD}umpeIgh\u{FFFD}\n\u{FFFD}")
        #expect(command == .accessPoint(ssid: "\u{065C}\u{FFFD}umpeIgh\u{FFFD}", password: "\u{FFFD}"))
        #expect(try TelloCommand(parsing: command.text) == command)
        #expect(TelloReply(text: " \u{065C}ok\r\n") == .value("\u{065C}ok"))
    }

    @Test func emptyAndOversizedInputIsRefused() {
        #expect(throws: TelloCommandError.empty) { try TelloCommand(parsing: " \r\n") }
        let long = "wifi " + String(repeating: "a", count: TelloCommand.maxTextLength)
        #expect(throws: TelloCommandError.tooLong(long.utf8.count)) { try TelloCommand(parsing: long) }
    }

    @Test func outOfRangeErrorNamesArgumentAndRange() {
        #expect(throws: TelloCommandError.outOfRange(command: "up", argument: "x", value: 19, range: 20...500)) {
            try TelloCommand(parsing: "up 19")
        }
        let error = TelloCommandError.outOfRange(command: "up", argument: "x", value: 19, range: 20...500)
        #expect(error.description == "'up': x 19 is outside 20...500")
    }

    @Test func rcIsTheOnlyCommandWithoutReply() throws {
        #expect(!(try TelloCommand(parsing: "rc 0 0 0 0")).expectsReply)
        for (_, command) in Self.valid where command != .rc(RemoteControl(leftRight: -100, forwardBack: 100, upDown: 0, yaw: -5)) {
            #expect(command.expectsReply)
        }
    }

    @Test func motionCommandsAreMarked() {
        #expect(TelloCommand.takeoff.isMotion)
        #expect(TelloCommand.move(.up, centimeters: 20).isMotion)
        #expect(!TelloCommand.read(.battery).isMotion)
        #expect(!TelloCommand.stop.isMotion)
    }

    @Test func passwordsNeverAppearInDescriptions() {
        #expect(TelloCommand.wifi(ssid: "home", password: "hunter2").description == "wifi home <redacted>")
        #expect(TelloCommand.accessPoint(ssid: "lab", password: "hunter2").description == "ap lab <redacted>")
        #expect(TelloCommand.takeoff.description == "takeoff")
    }

    @Test func missionPadIDsAreOneToEight() {
        #expect(MissionPadID(0) == nil)
        #expect(MissionPadID(9) == nil)
        #expect(MissionPadID(1)?.description == "m1")
        #expect(MissionPadID(8)?.description == "m8")
    }
}
