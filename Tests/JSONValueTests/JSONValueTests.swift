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
}
