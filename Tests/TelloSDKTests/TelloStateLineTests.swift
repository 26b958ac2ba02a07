import Foundation
import Testing
import TelloSDK

@Suite("TelloState line")
struct TelloStateLineTests {
    /// A real SDK 1.3 line from a drone resting on a table.
    static let sdk13 = "pitch:0;roll:-1;yaw:-37;vgx:0;vgy:0;vgz:0;templ:63;temph:65;tof:10;h:0;bat:87;baro:-64.82;time:0;agx:-7.00;agy:2.00;agz:-999.00;\r\n"
    static let sdk20 = "mid:-2;x:-200;y:-200;z:-200;mpry:0,0,0;" + sdk13

    @Test func parsesSDK13Layout() throws {
        let state = try TelloState(line: Self.sdk13)
        #expect(state.missionPad == nil)
        #expect(state.roll == -1)
        #expect(state.yaw == -37)
        #expect(state.templ == 63 && state.temph == 65)
        #expect(state.tof == 10 && state.h == 0 && state.bat == 87)
        #expect(state.baro == -64.82)
        #expect(state.agx == -7 && state.agy == 2 && state.agz == -999)
        #expect(state.line == Self.sdk13)
    }

    @Test func parsesSDK20LayoutWithMissionPad() throws {
        let state = try TelloState(line: Self.sdk20)
        #expect(state.missionPad == .detectionOff)
        #expect(state.line == Self.sdk20)
        let seen = "mid:3;x:-4;y:-3;z:74;mpry:1,-2,45;" + Self.sdk13
        let pad = try TelloState(line: seen).missionPad
        #expect(pad == MissionPadState(mid: 3, x: -4, y: -3, z: 74, pitch: 1, roll: -2, yaw: 45))
        #expect(try TelloState(line: seen).line == seen)
    }

    @Test func formatRoundTripsThroughParse() throws {
        let state = TelloState(
            missionPad: .notDetected, pitch: -3, roll: 4, yaw: 179, vgx: 7, vgy: -2, vgz: 1,
            templ: 70, temph: 73, tof: 120, h: 110, bat: 55, baro: 101.25, time: 42,
            agx: 12.5, agy: -3.25, agz: -1002)
        #expect(try TelloState(line: state.line) == state)
        #expect(state.line.hasPrefix("mid:-1;x:-100;y:-100;z:-100;mpry:0,0,0;pitch:-3;"))
        #expect(state.line.hasSuffix("agz:-1002.00;\r\n"))
    }

    @Test func fieldOrderDoesNotMatterAndUnknownFieldsAreIgnored() throws {
        let reordered = "bat:50;pitch:0;roll:0;yaw:0;vgx:0;vgy:0;vgz:0;templ:1;temph:2;tof:10;h:0;baro:1.00;time:0;agx:0.00;agy:0.00;agz:-1000.00;wind:3;"
        #expect(try TelloState(line: reordered).bat == 50)
    }

    @Test func missingFieldIsNamed() {
        let line = Self.sdk13.replacingFirst("bat:87;", with: "")
        #expect(throws: TelloStateError.missingField("bat")) { try TelloState(line: line) }
    }

    @Test func badValuesAreNamed() {
        #expect(throws: TelloStateError.badValue(field: "yaw", text: "abc")) {
            try TelloState(line: Self.sdk13.replacingFirst("yaw:-37", with: "yaw:abc"))
        }
        #expect(throws: TelloStateError.badValue(field: "baro", text: "nan")) {
            try TelloState(line: Self.sdk13.replacingFirst("baro:-64.82", with: "baro:nan"))
        }
        #expect(throws: TelloStateError.badValue(field: "mpry", text: "0,0")) {
            try TelloState(line: "mid:1;x:0;y:0;z:0;mpry:0,0;" + Self.sdk13)
        }
    }

    @Test func aCombiningMarkNeverMergesASeparator() {
        let line = Self.sdk13.replacingFirst("roll:", with: "\u{0301}roll:")
        #expect(throws: TelloStateError.missingField("roll")) { try TelloState(line: line) }
    }

    @Test func partialMissionPadPrefixIsAnError() {
        #expect(throws: TelloStateError.missingField("mpry")) { try TelloState(line: "mid:1;" + Self.sdk13) }
    }

    @Test func malformedAndOversizedLinesAreRefused() {
        #expect(throws: TelloStateError.malformedField("pitch0")) { try TelloState(line: "pitch0;" + Self.sdk13) }
        let long = String(repeating: "a:1;", count: 200)
        #expect(throws: TelloStateError.tooLong(long.utf8.count)) { try TelloState(line: long) }
        #expect(throws: TelloStateError.missingField("pitch")) { try TelloState(line: "") }
        #expect(throws: TelloStateError.malformedField("ok")) { try TelloState(line: "ok") }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
