import Clocks
import Testing
import TelloSDK

/// Seeded random round trips over the whole legal space (the fuzz target covers illegal input).
@Suite("TelloSDK random round trips")
struct TelloRandomRoundTripTests {
    static func point(_ random: inout SeededRandom) -> Vector3 {
        while true {
            let point = Vector3(Int.random(in: TelloRanges.coordinate, using: &random),
                                Int.random(in: TelloRanges.coordinate, using: &random),
                                Int.random(in: -25...25, using: &random))
            if !point.isInsideDeadZone { return point }
        }
    }

    static func command(_ random: inout SeededRandom) -> TelloCommand {
        let pad = MissionPadID(Int.random(in: 1...8, using: &random))
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return .move(MoveDirection.allCases.randomElement(using: &random)!, centimeters: Int.random(in: TelloRanges.moveDistance, using: &random))
        case 1: return .rotate(RotationDirection.allCases.randomElement(using: &random)!, degrees: Int.random(in: TelloRanges.rotationDegrees, using: &random))
        case 2: return .go(point(&random), speed: Int.random(in: TelloRanges.goSpeed, using: &random), pad: Bool.random(using: &random) ? pad : nil)
        case 3: return .curve(via: point(&random), to: point(&random), speed: Int.random(in: TelloRanges.curveSpeed, using: &random), pad: Bool.random(using: &random) ? pad : nil)
        case 4: return .jump(point(&random), speed: Int.random(in: TelloRanges.goSpeed, using: &random), yaw: Int.random(in: TelloRanges.jumpYaw, using: &random), from: pad!, to: pad!)
        case 5: return .setSpeed(Int.random(in: TelloRanges.speed, using: &random))
        case 6:
            let stick = { (random: inout SeededRandom) in Int.random(in: TelloRanges.stick, using: &random) }
            return .rc(RemoteControl(leftRight: stick(&random), forwardBack: stick(&random), upDown: stick(&random), yaw: stick(&random)))
        default: return .flip(FlipDirection.allCases.randomElement(using: &random)!)
        }
    }

    @Test func randomLegalCommandsRoundTrip() throws {
        var random = SeededRandom(seed: 2024)
        for _ in 0..<5000 {
            let command = Self.command(&random)
            #expect(try TelloCommand(parsing: command.text) == command)
        }
    }

    @Test func randomStatesRoundTripAtTwoDecimals() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let hundredths = { (random: inout SeededRandom) in Double(Int.random(in: -200_000...200_000, using: &random)) / 100 }
            let int = { (random: inout SeededRandom) in Int.random(in: -3000...3000, using: &random) }
            let state = TelloState(
                missionPad: Bool.random(using: &random) ? MissionPadState(mid: int(&random), x: int(&random), y: int(&random), z: int(&random), pitch: int(&random), roll: int(&random), yaw: int(&random)) : nil,
                pitch: int(&random), roll: int(&random), yaw: int(&random), vgx: int(&random), vgy: int(&random), vgz: int(&random),
                templ: int(&random), temph: int(&random), tof: int(&random), h: int(&random), bat: int(&random),
                baro: hundredths(&random), time: int(&random), agx: hundredths(&random), agy: hundredths(&random), agz: hundredths(&random))
            #expect(try TelloState(line: state.line) == state)
        }
    }

    @Test func hugeReadingsAreRefusedAndNeverTrapTheFormatter() {
        let line = "pitch:0;roll:0;yaw:0;vgx:0;vgy:0;vgz:0;templ:0;temph:0;tof:10;h:0;bat:1;baro:1e300;time:0;agx:0;agy:0;agz:0;"
        #expect(throws: TelloStateError.badValue(field: "baro", text: "1e300")) { try TelloState(line: line) }
        #expect(FixedPoint.format(1e300, decimals: 2) == "1e+300")
        #expect(FixedPoint.format(-.infinity, decimals: 2) == "-inf")
        #expect(FixedPoint.format(123456789.126, decimals: 2) == "123456789.13")
    }
}
