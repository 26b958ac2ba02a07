import Foundation

/// Writes the HTML traces `run --trace DIR` asks for: one file per failing
/// run (every run with `all`), named after the scenario and the run.
public struct TraceWriter: Sendable {
    public let directory: String
    public let all: Bool

    public init(directory: String, all: Bool) {
        self.directory = directory
        self.all = all
    }

    /// `DIR/close-1005-run3.html`; characters a file name should not hold become `_`.
    public func path(scenario: String, run: Int) -> String {
        let safe = String(scenario.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return (directory as NSString).appendingPathComponent("\(safe)-run\(run).html")
    }

    /// Writes the trace of `result`; returns the line to print (where it went, or why it could not).
    public func write(_ scenario: ScenarioFile, run: Int, result: SingleRun, failure: ScenarioFailure?) -> String {
        guard result.trace != nil else { return "trace: run \(run) of \(scenario.name) was not traced" }
        let file = path(scenario: scenario.name, run: run)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let page = TraceHTML.page(TraceDocument(scenario: scenario, run: run, result: result, failure: failure))
            try Data(page.utf8).write(to: URL(fileURLWithPath: file))
            return "trace: \(file)"
        } catch {
            return "trace: cannot write \(file): \(error.localizedDescription)"
        }
    }
}
