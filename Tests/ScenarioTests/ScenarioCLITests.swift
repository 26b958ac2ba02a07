import Foundation
import Testing

@testable import Scenario

@Suite("tello-scenario main")
struct ScenarioCLITests {
    struct Result {
        let status: Int32
        let out: [String]
        let err: [String]
    }

    func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
        return path
    }

    func main(_ arguments: [String], engine: ScriptedEngine = ScriptedEngine { _, _ in SingleRun(transcript: LibraryRunTests.transcript("x"), failure: nil, scenarioTime: .seconds(1)) }) async -> Result {
        let out = Lines(), err = Lines()
        let status = await ScenarioCLI(engine: { _ in engine }, out: { out.append($0) }, err: { err.append($0) }).main(arguments)
        return Result(status: status, out: out.all, err: err.all)
    }

    let two = [#"a.json"#: #"{"name": "alpha", "steps": [{"advance": "1s"}]}"#, "b.json": #"{"name": "beta", "steps": [{"advance": "1s"}]}"#]

    @Test func helpAndUsageErrors() async {
        let help = await main(["--help"])
        #expect(help.status == 0)
        #expect(help.out.first?.contains("tello-scenario run PATHS...") == true)
        let bad = await main(["run"])
        #expect(bad.status == 2)
        #expect(bad.err == ["tello-scenario: run needs at least one scenario file or folder (see tello-scenario --help)"])
    }

    @Test func fromSessionWritesAScenarioCheckReadsOrSaysWhyNot() async throws {
        let log = #"{"format":"tello-agent-record","version":1,"drone":"embedded","options":{}}"# + "\n"
            + #"{"t":0.1,"kind":"ws_open","client":"c1","address":"127.0.0.1:5","path":"/"}"# + "\n"
            + #"{"t":0.2,"kind":"ws_in","client":"c1","text":"{\"type\":\"get_status\"}"}"# + "\n"
        let dir = try folder(["s.jsonl": log, "not-a-log.jsonl": "{\n}\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = await main(["from-session", dir + "/s.jsonl", "-o", dir + "/s.json"])
        #expect(written.status == 0, "\(written.err)")
        #expect(await main(["check", dir + "/s.json"]).status == 0)
        let printed = await main(["from-session", dir + "/s.jsonl"])
        #expect(printed.out.first?.contains(#""name": "s""#) == true)
        let bad = await main(["from-session", dir + "/not-a-log.jsonl"])
        #expect(bad.status == 2)
        #expect(bad.err.first?.contains("not-a-log.jsonl: line 1: not a recording") == true, "\(bad.err)")
    }

    @Test func checkReportsEveryBrokenFile() async throws {
        let dir = try folder(["ok.json": #"{"name": "ok", "steps": [{"advance": "1s"}]}"#, "bad.json": #"{"name": "bad", "steps": [{"advance": "soon"}]}"#])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = await main(["check", dir])
        #expect(result.status == 2)
        #expect(result.err.first?.contains("bad.json: $.steps[0].advance: expected a duration") == true)
        let good = await main(["check", dir + "/ok.json"])
        #expect(good.status == 0)
        #expect(good.out == ["1 scenario file read without errors"])
    }

    @Test func checkShowsEveryErrorOfAFile() async throws {
        let dir = try folder(["bad.json": #"{"name": "bad", "steps": [{"advance": "soon"}, {"connect": "a"}, {"connect": "a"}]}"#])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = await main(["check", dir])
        #expect(result.status == 2)
        let lines = result.err.joined(separator: "\n").split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("bad.json: $.steps[0].advance: expected a duration") == true)
        #expect(lines.last?.contains("bad.json: $.steps[2].connect: expected a client name not connected before") == true)
    }

    @Test func noScenarioFoundIsAnErrorForCheckAndRun() async throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for verb in ["check", "run"] {
            let result = await main([verb, dir])
            #expect(result.status == 2, "\(verb)")
            #expect(result.err == ["tello-scenario: no scenario file (*.json) found in \(dir)"], "\(verb)")
            #expect(result.out.isEmpty, "\(verb)")
        }
    }

    @Test func runPassesAndWritesJUnit() async throws {
        let dir = try folder(two)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = await main(["run", dir, "--repeat", "2", "--junit", dir + "/report.xml"])
        #expect(result.status == 0)
        #expect(result.out.count == 3)
        #expect(result.out.last?.hasPrefix("2 scenarios: 2 passed, 0 failed") == true)
        let xml = try String(contentsOfFile: dir + "/report.xml", encoding: .utf8)
        #expect(xml.contains(#"tests="2" failures="0""#))
    }

    @Test func aFailureExitsWithOne() async throws {
        let dir = try folder(two)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let failing = ScriptedEngine { name, run in
            SingleRun(transcript: LibraryRunTests.transcript(name == "beta" && run == 2 ? "y" : "x"), failure: nil, scenarioTime: .zero)
        }
        let result = await main(["run", dir, "--repeat", "3"], engine: failing)
        #expect(result.status == 1)
        #expect(result.out.contains { $0.contains("FAIL beta") })
    }

    @Test func filterAndRecord() async throws {
        let dir = try folder(two)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let none = await main(["run", dir, "--filter", "gamma"])
        #expect(none.status == 2)
        let many = await main(["run", dir, "--record", dir + "/draft.json"])
        #expect(many.status == 2)
        #expect(many.err.first?.contains("--record needs exactly one scenario") == true)
        let one = await main(["run", dir, "--filter", "bet", "--record", dir + "/draft.json", "--verbose"])
        #expect(one.status == 0)
        #expect(one.out.contains("--- transcript of beta\na: <- {\"type\":\"x\"}\n"))
        let draft = try ScenarioFile(contentsOf: dir + "/draft.json")
        #expect(draft.name == "beta-recorded")
        #expect(draft.steps.count == 1)
    }
}
