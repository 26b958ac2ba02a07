import FlightRecord
import Foundation

/// `tello-scenario` as a function of its arguments, so it is tested without
/// spawning a process: parses, loads, runs, writes the reports, and returns
/// the exit status (0 all passed, 1 a scenario failed, 2 bad arguments or files).
public struct ScenarioCLI: Sendable {
    /// Where normal output goes (progress, summary, transcripts).
    public let out: @Sendable (String) -> Void
    /// Where errors go.
    public let err: @Sendable (String) -> Void
    /// Makes the engine that plays scenarios (the real one boots the agent), for the run's options.
    public let engine: @Sendable (RunOptions) -> any ScenarioEngine

    public init(
        engine: @escaping @Sendable (RunOptions) -> any ScenarioEngine, out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void
    ) {
        self.engine = engine
        self.out = out
        self.err = err
    }

    public func main(_ arguments: [String]) async -> Int32 {
        let command: ScenarioCommand
        do {
            command = try ScenarioCommand.parse(arguments)
        } catch {
            err("\(error)")
            return 2
        }
        switch command {
        case .help:
            out(ScenarioCommand.helpText)
            return 0
        case .check(let paths):
            guard let scenarios = load(paths, filter: nil) else { return 2 }
            out("\(scenarios.count) scenario file\(scenarios.count == 1 ? "" : "s") read without errors")
            return 0
        case .run(let options):
            return await run(options)
        case .trace(let logs, let output):
            return trace(logs, to: output)
        case .diff(let a, let b):
            return diff(a, b)
        case .fromSession(let options):
            return fromSession(options)
        case .explore(let options):
            let runner: AgentExploreRunner
            do {
                runner = try Self.exploreRunner(options, environment: ProcessInfo.processInfo.environment)
            } catch {
                err("\(error)")
                return 2
            }
            if !runner.planted.isEmpty { out("planted bugs (a test-only debug setting): \(runner.planted.rawValue)") }
            return await explore(options, runner: runner)
        }
    }

    private func fromSession(_ options: FromSessionOptions) -> Int32 {
        let log: RecordLog
        do {
            log = try RecordLog(paths: options.logs)
        } catch {
            err("tello-scenario: \(error)")
            return 2
        }
        let last = URL(fileURLWithPath: options.logs.last!).deletingPathExtension().lastPathComponent
        let text: String
        do {
            text = try SessionConversion.scenario(from: log, name: options.name ?? last, source: options.logs.last!)
        } catch {
            err("tello-scenario: \(error)")
            return 2
        }
        guard let path = options.output else {
            out(text)
            return 0
        }
        guard write(text, to: path) else { return 2 }
        out("wrote \(path): play it with tello-scenario run \(path) --repeat 20")
        return 0
    }

    private func run(_ options: RunOptions) async -> Int32 {
        guard let scenarios = load(options.paths, filter: options.filter) else { return 2 }
        guard !scenarios.isEmpty else {
            err("tello-scenario: no scenario matches" + (options.filter.map { " --filter \($0)" } ?? ""))
            return 2
        }
        if options.recordPath != nil, scenarios.count != 1 {
            err("tello-scenario: --record needs exactly one scenario, \(scenarios.count) selected (use --filter)")
            return 2
        }
        let traces = options.traceDirectory.map { TraceWriter(directory: $0, all: options.traceAll) }
        // A trace folder that cannot be made is found before anything runs, not after a failure worth tracing.
        if let folder = options.traceDirectory {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                err("tello-scenario: cannot make the trace folder \(folder): \(error.localizedDescription)")
                return 2
            }
        }
        let outcomes = await LibraryRun(engine: engine(options), repeats: options.repeats, jobs: options.jobs, traces: traces, output: out).run(scenarios)
        if options.verbose {
            for outcome in outcomes { out("--- transcript of \(outcome.name)\n" + outcome.transcript.text) }
        }
        var status: Int32 = outcomes.allSatisfy(\.passed) ? 0 : 1
        if let path = options.junitPath, !write(JUnitReport.xml(outcomes), to: path) { status = 2 }
        if let path = options.recordPath, let outcome = outcomes.first {
            let draft = ScenarioDraft.file(name: outcome.name + "-recorded", description: "Recorded from \(outcome.path)", transcript: outcome.transcript)
            if write(draft, to: path) { out("recorded \(path)") } else { status = 2 }
        }
        return status
    }

    private func load(_ paths: [String], filter: String?) -> [ScenarioFile]? {
        do {
            return try ScenarioLoader.load(paths, filter: filter)
        } catch {
            err("\(error)")
            return nil
        }
    }

    private func write(_ text: String, to path: String) -> Bool {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return true
        } catch {
            err("tello-scenario: cannot write \(path): \(error.localizedDescription)")
            return false
        }
    }
}
