import Foundation
import Testing

@testable import Scenario

@Suite("tello-scenario arguments")
struct ScenarioCommandTests {
    func usage(_ arguments: [String]) -> String? {
        do {
            _ = try ScenarioCommand.parse(arguments)
            return nil
        } catch let error as UsageError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func runWithEveryOption() throws {
        let command = try ScenarioCommand.parse([
            "run", "scenarios", "extra.json", "--repeat", "20", "--junit", "out.xml", "--filter", "close", "--record",
            "new.json", "-v", "--stall-timeout", "90s",
        ])
        #expect(command == .run(RunOptions(
            paths: ["scenarios", "extra.json"], repeats: 20, junitPath: "out.xml", filter: "close", recordPath: "new.json",
            verbose: true, stallTimeout: .seconds(90))))
    }

    @Test func inMemoryByDefaultLiveAndJobsOnRequest() throws {
        #expect(try ScenarioCommand.parse(["run", "a.json"]) == .run(RunOptions(paths: ["a.json"], live: false, jobs: 1)))
        #expect(try ScenarioCommand.parse(["run", "a.json", "--live"]) == .run(RunOptions(paths: ["a.json"], live: true)))
        #expect(try ScenarioCommand.parse(["run", "a.json", "--jobs", "4"]) == .run(RunOptions(paths: ["a.json"], jobs: 4)))
        #expect(throws: UsageError("--jobs needs a whole number from 1 to 64, not \"0\"")) {
            try ScenarioCommand.parse(["run", "a.json", "--jobs", "0"])
        }
        #expect(throws: UsageError("--jobs needs runs in memory: live runs share the machine's sockets and go one at a time")) {
            try ScenarioCommand.parse(["run", "a.json", "--jobs", "2", "--live"])
        }
        #expect(ScenarioCommand.helpText.contains("--live") && ScenarioCommand.helpText.contains("--jobs N"))
    }

    @Test func runDefaults() throws {
        #expect(try ScenarioCommand.parse(["run", "a.json"]) == .run(RunOptions(paths: ["a.json"])))
        #expect(RunOptions(paths: []).stallTimeout == .seconds(60))
        #expect(ScenarioCommand.helpText.contains("--stall-timeout DURATION"))
    }

    @Test func helpWinsAnywhere() throws {
        #expect(try ScenarioCommand.parse(["--help"]) == .help)
        #expect(try ScenarioCommand.parse(["run", "x", "-h"]) == .help)
        #expect(try ScenarioCommand.parse(["help"]) == .help)
        #expect(ScenarioCommand.helpText.contains("--repeat N"))
    }

    @Test func check() throws {
        #expect(try ScenarioCommand.parse(["check", "a", "b"]) == .check(paths: ["a", "b"]))
    }

    @Test func traceAndDiff() throws {
        #expect(try ScenarioCommand.parse(["trace", "s.jsonl", "-o", "s.trace.html"]) == .trace(logs: ["s.jsonl"], output: "s.trace.html"))
        #expect(try ScenarioCommand.parse(["trace", "logs/s.jsonl"]) == .trace(logs: ["logs/s.jsonl"], output: "logs/s.html"))
        #expect(try ScenarioCommand.parse(["trace", "s.jsonl.1", "s.jsonl"]) == .trace(logs: ["s.jsonl.1", "s.jsonl"], output: "s.html"))
        #expect(try ScenarioCommand.parse(["diff", "a.txt", "b.html"]) == .diff("a.txt", "b.html"))
        guard case .run(let options) = try ScenarioCommand.parse(["run", "x", "--trace", "out", "--trace-all"]) else {
            Issue.record("not a run")
            return
        }
        #expect(options.traceDirectory == "out")
        #expect(options.traceAll)
        #expect(usage(["run", "x", "--trace-all"]) == "--trace-all needs --trace DIR (where the traces go)")
        #expect(usage(["trace"]) == "trace needs a record log (tello-agent --record PATH)")
        #expect(usage(["trace", "a", "--open"]) == "unknown option --open for trace")
        #expect(usage(["diff", "a"]) == "diff needs two files (transcripts, traces or record logs), not 1")
    }

    @Test func fromSession() throws {
        #expect(try ScenarioCommand.parse(["from-session", "s.jsonl.1", "s.jsonl", "-o", "s.json", "--name", "field"])
            == .fromSession(FromSessionOptions(logs: ["s.jsonl.1", "s.jsonl"], output: "s.json", name: "field")))
        #expect(try ScenarioCommand.parse(["from-session", "s.jsonl"]) == .fromSession(FromSessionOptions(logs: ["s.jsonl"])))
        #expect(usage(["from-session"]) == "from-session needs a recorded session (tello-agent --record FILE)")
        #expect(usage(["from-session", "s.jsonl", "-o"]) == "-o needs a value")
        #expect(usage(["from-session", "s.jsonl", "--bogus"]) == "unknown option --bogus for from-session")
    }

    @Test func mistakesAreExplained() {
        #expect(usage([]) == "missing a command: run, check, trace, diff, from-session or explore")
        #expect(usage(["fly"]) == #"unknown command "fly"; expected run, check, trace, diff, from-session or explore"#)
        #expect(usage(["run"]) == "run needs at least one scenario file or folder")
        #expect(usage(["run", "a", "--repeat"]) == "--repeat needs a value")
        #expect(usage(["run", "a", "--repeat", "--junit"]) == "--repeat needs a value")
        #expect(usage(["run", "a", "--repeat", "0"]) == #"--repeat needs a whole number from 1 to 1000, not "0""#)
        #expect(usage(["run", "a", "--repeat", "x"]) != nil)
        #expect(usage(["run", "a", "--bogus"]) == "unknown option --bogus")
        #expect(usage(["run", "a", "--stall-timeout", "60"]) == #"--stall-timeout needs a duration from 1s to 60m with its unit ("90s", "5m"), not "60""#)
        #expect(usage(["run", "a", "--stall-timeout", "500ms"]) != nil)
        #expect(usage(["run", "a", "--stall-timeout", "61m"]) != nil)
        #expect(usage(["check"]) == "check needs at least one scenario file or folder")
        #expect(usage(["check", "a", "--repeat"]) == "unknown option --repeat")
        #expect(UsageError("x").description == "tello-scenario: x (see tello-scenario --help)")
    }
}

@Suite("Scenario loading")
struct ScenarioLoaderTests {
    /// A fresh folder under the temporary directory, removed by the caller.
    func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-loader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return path
    }

    @Test func aFolderMeansItsJSONFilesInNameOrder() throws {
        let dir = try folder([
            "b.json": #"{"name": "b", "steps": [{"advance": "1s"}]}"#, "a.json": #"{"name": "a", "steps": [{"advance": "1s"}]}"#, "notes.txt": "x",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try ScenarioLoader.files(in: [dir]) == [dir + "/a.json", dir + "/b.json"])
        #expect(try ScenarioLoader.load([dir]).map(\.name) == ["a", "b"])
        #expect(try ScenarioLoader.load([dir], filter: "b").map(\.name) == ["b"])
    }

    @Test func everyBrokenFileIsReportedAtOnce() throws {
        let dir = try folder([
            "1.json": #"{"name": "x", "steps": [{"advance": 3}]}"#, "2.json": "{", "3.json": #"{"name": "ok", "steps": [{"advance": "1s"}]}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            _ = try ScenarioLoader.load([dir])
            Issue.record("broken files were accepted")
        } catch let error as ScenarioLoadErrors {
            #expect(error.errors.map(\.file) == [dir + "/1.json", dir + "/2.json"])
            #expect(error.errors[0].location == "$.steps[0].advance")
        }
    }

    @Test func duplicateNamesAreRejected() throws {
        let dir = try folder(["1.json": #"{"name": "same", "steps": [{"advance": "1s"}]}"#, "2.json": #"{"name": "same", "steps": [{"advance": "1s"}]}"#])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: ScenarioLoadErrors.self) { try ScenarioLoader.load([dir]) }
    }

    @Test func aMissingPathIsAnError() {
        #expect(throws: ScenarioFileError.self) { try ScenarioLoader.files(in: ["/nonexistent/scenarios"]) }
    }
}
