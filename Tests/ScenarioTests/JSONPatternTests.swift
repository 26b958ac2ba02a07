import JSONValue
import Testing

@testable import Scenario

@Suite("JSONPattern")
struct JSONPatternTests {
    func matches(_ pattern: JSONValue, _ actual: JSONValue, captures: Captures = Captures(), tolerance: Double = 0) -> Bool {
        if case .success = JSONPattern(pattern).match(actual, captures: captures, tolerance: tolerance) { return true }
        return false
    }

    func mismatch(_ pattern: JSONValue, _ actual: JSONValue) -> MatchMismatch? {
        if case .failure(let m) = JSONPattern(pattern).match(actual) { return m }
        return nil
    }

    @Test func objectIsASubsetMatch() {
        let message: JSONValue = ["type": "get_status_response", "message": "ok", "status": ["flying": false, "height": 0]]
        #expect(matches(["type": "get_status_response"], message))
        #expect(matches(["status": ["flying": false]], message))
        #expect(matches([:], message))
        #expect(!matches(["type": "error"], message))
        #expect(!matches(["status": ["flying": true]], message))
        #expect(!matches(["type": "get_status_response"], ["get_status_response"]))
    }

    @Test func missingMemberIsReportedWithItsPath() {
        let m = mismatch(["data": ["index": 1]], ["data": [:]])
        #expect(m?.path == "$.data.index")
        #expect(m?.expected == "1")
        #expect(m?.received == "nothing (member missing)")
    }

    @Test func absentRequiresTheMemberToBeMissing() {
        #expect(matches(["error": "<absent>"], ["success": true]))
        let m = mismatch(["error": "<absent>"], ["error": "boom"])
        #expect(m?.path == "$.error")
        #expect(m?.expected == "no such member")
    }

    @Test func arraysMatchExactlyByDefault() {
        #expect(matches([1, "*", 3], [1, 2, 3]))
        #expect(!matches([1, 2], [1, 2, 3]))
        #expect(!matches([1, 2, 3], [1, 3, 2]))
        #expect(mismatch([1, 2], [1, 2, 3])?.received == "3 elements: [1,2,3]")
        #expect(mismatch(["a": [1, 5]], ["a": [1, 2]])?.path == "$.a[1]")
    }

    @Test func containsFindsDistinctElementsInAnyOrder() {
        let actions: JSONValue = [["action": "takeoff"], ["action": "move_forward"], ["action": "land"]]
        #expect(matches(["$contains": [["action": "land"], ["action": "takeoff"]]], actions))
        #expect(!matches(["$contains": [["action": "land"], ["action": "land"]]], actions))
        #expect(matches(["$contains": []], actions))
        #expect(!matches(["$contains": [1]], ["a": 1]))
    }

    @Test func containsBacktracksWhenAGreedyChoiceWouldFail() {
        // "*" could take 1, leaving nothing for 1; backtracking assigns it to 2.
        #expect(matches(["$contains": ["*", 1]], [1, 2]))
    }

    @Test func anyWildcardNeedsThePresenceOfTheMember() {
        #expect(matches(["id": "*"], ["id": .null]))
        #expect(matches(["id": "<any>"], ["id": 4]))
        #expect(!matches(["id": "*"], [:]))
    }

    @Test(arguments: [
        ("<number>", JSONValue.number(2.5), true), ("<number>", "2", false),
        ("<int>", 3, true), ("<int>", 3.5, false),
        ("<string>", "", true), ("<string>", 1, false),
        ("<bool>", false, true), ("<bool>", 0, false),
        ("<object>", [:], true), ("<object>", [], false),
        ("<array>", [], true), ("<array>", [:], false),
        ("<null>", .null, true), ("<null>", "null", false),
    ] as [(String, JSONValue, Bool)])
    func typedWildcards(pattern: String, value: JSONValue, expected: Bool) {
        #expect(matches(.string(pattern), value) == expected)
    }

    @Test func typedWildcardMismatchNamesTheType() {
        #expect(mismatch(["battery": "<int>"], ["battery": "high"])?.description == #"$.battery: expected a whole number, received "high""#)
    }

    @Test func capturesBindOnFirstUseAndMustBeEqualAfter() throws {
        let first = try JSONPattern(["id": "$req"]).match(["id": 7]).get()
        #expect(first["req"] == 7)
        #expect(matches(["echo": "$req"], ["echo": 7], captures: first))
        let m = JSONPattern(["echo": "$req"]).match(["echo": 8], captures: first)
        guard case .failure(let failure) = m else {
            Issue.record("a different value must not match a capture")
            return
        }
        #expect(failure.expected == "the value captured as $req, 7")
    }

    @Test func captureWithinOneMessageMustAgree() {
        #expect(matches(["a": "$x", "b": "$x"], ["a": 1, "b": 1]))
        #expect(!matches(["a": "$x", "b": "$x"], ["a": 1, "b": 2]))
    }

    @Test func aFailedMatchLeavesCapturesUntouched() {
        let before = Captures(["keep": 1])
        let result = JSONPattern(["new": "$fresh", "type": "x"]).match(["new": 5, "type": "y"], captures: before)
        #expect((try? result.get()) == nil)
        #expect(before.values == ["keep": 1])
    }

    @Test func doubleDollarIsALiteralDollar() {
        #expect(matches("$$price", "$price"))
        #expect(!matches("$$price", "price"))
        #expect(matches("$", "$"))
    }

    @Test func literalOperatorTurnsOffPatternMeaning() {
        #expect(matches(["$literal": "*"], "*"))
        #expect(!matches(["$literal": "*"], "anything"))
        #expect(matches(["$literal": ["$approx": 1]], ["$approx": 1]))
    }

    @Test func approxAllowsAToleranceBothWays() {
        #expect(matches(["$approx": 30, "$within": 2], 28))
        #expect(matches(["$approx": 30, "$within": 2], 32))
        #expect(!matches(["$approx": 30, "$within": 2], 32.5))
        #expect(!matches(["$approx": 30, "$within": 2], "30"))
        #expect(mismatch(["h": ["$approx": 30, "$within": 2]], ["h": 40])?.expected == "30 ± 2")
    }

    @Test func globalToleranceAppliesToPlainNumbers() {
        #expect(matches(["x": 100], ["x": 103], tolerance: 5))
        #expect(!matches(["x": 100], ["x": 106], tolerance: 5))
        #expect(!matches(["x": 100], ["x": 103]))
    }

    @Test func includesMatchesPartOfAText() {
        #expect(matches(["$includes": "降落"], "已降落"))
        #expect(!matches(["$includes": "降落"], "起飞"))
        #expect(!matches(["$includes": "1"], 1))
    }

    @Test func oneOfTakesTheFirstAlternativeThatMatches() throws {
        #expect(matches(["code": ["$one_of": [1000, 1005]]], ["code": 1005]))
        #expect(!matches(["code": ["$one_of": [1000, 1005]]], ["code": 1006]))
        let bound = try JSONPattern(["$one_of": [["a": "$v"], ["b": "$v"]]]).match(["b": 3]).get()
        #expect(bound["v"] == 3)
    }

    @Test func scalarsMatchOnlyThemselves() {
        #expect(matches(true, true))
        #expect(!matches(true, 1))
        #expect(matches(.null, .null))
        #expect(!matches("a", "b"))
        #expect(mismatch("a", "b")?.description == #"$: expected "a", received "b""#)
    }

    @Test func deeperMismatchesReportGreaterDepth() {
        #expect(MatchMismatch(path: "$", expected: "", received: "").depth == 0)
        #expect(MatchMismatch(path: "$.data.items[2].x", expected: "", received: "").depth == 4)
    }

    @Test func memberOrderOfTheReportIsStable() {
        // Both members differ; the first in key order is reported, every run.
        #expect(mismatch(["b": 1, "a": 1], ["a": 2, "b": 2])?.path == "$.a")
    }

    @Test func oddKeysAreBracketedInPaths() {
        #expect(mismatch(["a b": 1], ["a b": 2])?.path == #"$["a b"]"#)
    }
}

@Suite("JSONPattern validation")
struct JSONPatternValidationTests {
    func problem(_ pattern: JSONValue) -> ScenarioFileError? {
        do {
            try JSONPattern.validate(pattern, path: "$.steps[0].message")
            return nil
        } catch let error as ScenarioFileError {
            return error
        } catch {
            return nil
        }
    }

    @Test func acceptsEveryDocumentedForm() {
        let pattern: JSONValue = [
            "a": "*", "b": "<number>", "c": "<absent>", "d": "$cap", "e": ["$approx": 1, "$within": 0.5],
            "f": ["$includes": "x"], "g": ["$one_of": [1, "<string>"]], "h": ["$contains": [["k": "*"]]],
            "i": ["$literal": "<weird>"], "j": [1, [2]],
        ]
        #expect(problem(pattern) == nil)
    }

    @Test func rejectsAnUnknownTypedWildcard() {
        let error = problem(["battery": "<numbr>"])
        #expect(error?.location == "$.steps[0].message.battery")
        #expect(error?.found == #""<numbr>""#)
    }

    @Test func rejectsAbsentOutsideAnObjectMember() {
        #expect(problem("<absent>") != nil)
        #expect(problem(["<absent>"]) != nil)
    }

    @Test func rejectsUnknownOrMalformedOperators() {
        #expect(problem(["$aprox": 3])?.location == #"$.steps[0].message["$aprox"]"#)
        #expect(problem(["$approx": "3"]) != nil)
        #expect(problem(["$approx": 3, "$within": -1]) != nil)
        #expect(problem(["$within": 1]) != nil)
        #expect(problem(["$includes": 1]) != nil)
        #expect(problem(["$contains": 1]) != nil)
        #expect(problem(["$contains": [1], "$literal": 1]) != nil)
    }

    @Test func checksInsideOperators() {
        #expect(problem(["$one_of": ["<nope>"]])?.location == #"$.steps[0].message["$one_of"][0]"#)
    }
}
