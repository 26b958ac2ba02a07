import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

@testable import Scenario

@Suite("Reports")
struct ReportTests {
    static func passed(_ name: String = "normal-command") -> ScenarioOutcome {
        ScenarioOutcome(
            name: name, path: "scenarios/\(name).json", runs: 20, failure: nil, wallTime: .milliseconds(412),
            scenarioTime: .seconds(62), transcript: Transcript())
    }

    static func failed() -> ScenarioOutcome {
        let failure = ScenarioFailure(
            run: 3, stepIndex: 4, step: #"expect alice {"type":"error"}"#, note: "the original agent's 1005 case",
            expected: #"$.type: "error""#, received: #"{"type":"x & <y>"}"#,
            transcriptTail: ["alice: -> text \"{oops\""], logTail: ["warning agent: closed code=1006"])
        return ScenarioOutcome(
            name: "close-<1005>", path: "scenarios/c.json", runs: 3, failure: failure, wallTime: .milliseconds(1500),
            scenarioTime: .milliseconds(2500), transcript: Transcript())
    }

    @Test func progressLineSaysVerdictRunsAndTimes() {
        #expect(ConsoleReport.progressLine(Self.passed(), position: 3, total: 12)
            == "[3/12] PASS normal-command  20 runs  0.41s wall  62.00s scenario time")
        #expect(ConsoleReport.progressLine(Self.failed(), position: 1, total: 1).hasPrefix("[1/1] FAIL close-<1005>  3 runs  1.50s wall"))
    }

    @Test func failureDetailShowsStepExpectedReceivedAndTails() {
        let detail = ConsoleReport.failureDetail(Self.failed())
        let expected = """
              scenarios/c.json: run 3, step 5 (expect alice {"type":"error"})
              note: the original agent's 1005 case
              expected: $.type: "error"
              received: {"type":"x & <y>"}
              transcript (last 1):
                alice: -> text "{oops"
              log (last 1):
                warning agent: closed code=1006
            """
        #expect(detail == expected)
        #expect(ConsoleReport.failureDetail(Self.passed()) == "")
    }

    @Test func summaryCountsAndNamesFailuresAndTotalsTimes() {
        let summary = ConsoleReport.summary([Self.passed(), Self.failed()])
        #expect(summary == """
            2 scenarios: 1 passed, 1 failed (close-<1005>)
            library wall time 1.91s, virtual flight time 64.50s per run
            """)
        #expect(ConsoleReport.summary([Self.passed()]).hasPrefix("1 scenario: 1 passed, 0 failed\n"))
    }

    @Test func junitEscapesEverythingItQuotes() {
        let xml = JUnitReport.xml([Self.passed(), Self.failed()])
        #expect(xml.contains(#"<testsuites name="tello-scenario" tests="2" failures="1" time="1.912">"#))
        #expect(xml.contains(#"<testcase classname="tello-scenario" name="normal-command" file="scenarios/normal-command.json" time="0.412"/>"#))
        #expect(xml.contains(#"name="close-&lt;1005&gt;""#))
        #expect(xml.contains(#"<failure message="step 5 (expect alice {&quot;type&quot;:&quot;error&quot;})" type="ScenarioFailure">"#))
        #expect(xml.contains("x &amp; &lt;y&gt;"))
        #expect(!xml.contains("x & <y>"))
    }

    @Test func junitIsWellFormedXML() throws {
        let data = Data(JUnitReport.xml([Self.passed(), Self.failed()]).utf8)
        let document = try XMLDocument(data: data)
        #expect(document.rootElement()?.name == "testsuites")
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count == 2)
        let failure = try document.nodes(forXPath: "//failure").first?.stringValue
        #expect(failure?.contains("received: {\"type\":\"x & <y>\"}") == true)
    }

    @Test(arguments: [
        ("a&b", "a&amp;b"), ("<>", "&lt;&gt;"), ("\"'", "&quot;&apos;"), ("tab\there\nnl", "tab\there\nnl"),
        ("bell\u{07}", "bell\u{FFFD}"), ("nul\u{0}", "nul\u{FFFD}"), ("\u{FFFE}", "\u{FFFD}"), ("起飞", "起飞"),
    ])
    func escapes(input: String, output: String) {
        #expect(JUnitReport.escape(input) == output)
    }

    @Test func junitSecondsHaveThreeDecimals() {
        #expect(JUnitReport.seconds(.milliseconds(5)) == "0.005")
        #expect(JUnitReport.seconds(.seconds(12)) == "12.000")
    }
}
