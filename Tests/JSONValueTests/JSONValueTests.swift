import Foundation
import JSONValue
import Testing

@Suite struct JSONValueTests {
    @Test func roundTripsEveryKind() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["c": "起飞"]]
        let again = try JSONValue(parsing: value.encoded())
        #expect(again == value)
    }

    @Test func encodesDeterministicallyWithIntegersAsIntegers() {
        let value: JSONValue = ["z": 30, "a": 1.5, "m": "降落"]
        #expect(value.text == #"{"a":1.5,"m":"降落","z":30}"#)
    }

    @Test func distinguishesBoolFromNumber() throws {
        let value = try JSONValue(parsing: #"{"t":true,"one":1}"#)
        #expect(value["t"] == .bool(true))
        #expect(value["one"] == .number(1))
        #expect(value["one"]?.intValue == 1)
        #expect(JSONValue.number(30.5).intValue == nil)
    }

    @Test func rejectsInvalidJSON() {
        #expect(throws: (any Error).self) { try JSONValue(parsing: "{not json") }
        #expect(throws: (any Error).self) { try JSONValue(parsing: "") }
    }

    @Test func nonFiniteNumbersRenderAsNull() {
        #expect(JSONValue.array([.number(.infinity)]).text == "[null]")
    }

    @Test func subscriptSetsObjectFields() {
        var value: JSONValue = ["type": "ping"]
        value["id"] = "7"
        #expect(value["id"] == "7")
        var scalar: JSONValue = 3
        scalar["x"] = 1
        #expect(scalar == 3)
    }

    /// As Python's `json` (the original agent) and JavaScript's `JSON.parse`.
    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":{"c":1,"c":2},"a":3}"#) == ["a": 3, "b": ["c": 2]])
    }

    @Test func keepsTopLevelNumbersAsWrittenWhenAsked() throws {
        let text = #"{"a":9007199254740993,"b":12345678901234567890,"c":1.0,"d":-0,"e":1E+2,"n":{"x":1.0}}"#
        let value = try JSONValue.parsingKeepingTopLevelNumbers(text)
        #expect(value["a"] == .verbatimNumber("9007199254740993"))
        #expect(value["c"] == 1, "numbers compare by value")
        #expect(value["n"]?["x"] == .number(1), "nested numbers are plain")
        #expect(value.text == #"{"a":9007199254740993,"b":12345678901234567890,"c":1.0,"d":-0,"e":1E+2,"n":{"x":1}}"#)
        #expect(try JSONValue(parsing: text)["a"] == .number(9007199254740992))
    }

    @Test(arguments: [
        (#"[1e309]"#, JSONParseError.Kind.numberOutOfRange),
        (#"["\ud800"]"#, .loneSurrogate),
        (#"["\udc00\ud800"]"#, .loneSurrogate),
        (#"["\ud800\u0041"]"#, .loneSurrogate),
        ("[\"a\u{1}\"]", .controlCharacterInString),
        (#"[01]"#, .invalidNumber),
        (#"[1.]"#, .invalidNumber),
        (#"{"a":1,}"#, .unexpectedByte(UInt8(ascii: "}"))),
        (#"[1] x"#, .trailingContent),
        (#"["\x"]"#, .invalidEscape),
    ])
    func refusesWhatIsNotJSON(_ text: String, _ kind: JSONParseError.Kind) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        do { _ = try JSONValue(parsing: text) } catch { #expect(error.kind == kind) }
    }

    @Test func leniencyReadsPastOutOfRangeNumbersAndLoneSurrogates() throws {
        let value = try JSONValue.parsingKeepingTopLevelNumbers(#"{"id":7,"n":1e309,"s":"a\ud800b"}"#, lenient: true)
        #expect(value == ["id": 7, "n": nil, "s": "a\u{FFFD}b"])
        #expect(try JSONValue(parsing: #"["\ud83d\ude00"]"#) == ["😀"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONValue(parsing: fine)) != nil)
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data([0x22, 0xC3, 0x28, 0x22])) }
    }

    /// Transcripts compare bytes: the writer renders what `JSONEncoder` did.
    @Test func writesWhatJSONEncoderWrote() throws {
        let value: JSONValue = [
            "A": 9, "B": 2, "Z": 7, "_": 3, "a": 1, "a10": 5, "a9": 6, "aa": 8, "~": 12, "é": 4, "中": 11, "ﬀ": 14, "😀": 13,
            "nums": [0.1, 1e-7, 1.5e300, 123456.789, 9.007199254740992e15, 1e21, -0.0, 0.30000000000000004, 1e16, 12345678912345678, -3, 42],
            "s": "\u{0}\u{1}\u{1f}\u{7f}\u{80}\u{2028}\"\\/\n\r\t\u{8}\u{c} 起飞",
            "nested": [["x": [nil, true, false]]], "empty": [:], "none": [],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(value.text == String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    @Test func trailingCommasOnlyWhenAsked() throws {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #"{"a":[1,2,],}"#) }
        #expect(try JSONValue(parsingAllowingTrailingCommas: Data(#"{"a":[1,2,],}"#.utf8)) == ["a": [1, 2]])
        #expect(try JSONValue(parsingAllowingTrailingCommas: Data("[]".utf8)) == [])
        #expect(throws: JSONParseError.self) { try JSONValue(parsingAllowingTrailingCommas: Data("[,]".utf8)) }
    }
}
