import Foundation

extension ScenarioCLI {
    /// `trace LOG... -o FILE`: the HTML trace of a recorded session.
    func trace(_ logs: [String], to output: String) -> Int32 {
        let record: RecordedTrace
        do {
            record = try RecordedTrace(parts: logs)
        } catch {
            err("tello-scenario: \(error)")
            return 2
        }
        let title = "recording " + ((logs.last ?? "") as NSString).lastPathComponent
        let page = TraceHTML.page(record.document(title: title))
        do {
            try Data(page.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            err("tello-scenario: cannot write \(output): \(error.localizedDescription)")
            return 2
        }
        let skipped = record.skippedKinds.values.reduce(0, +)
        out("trace: \(output) (\(record.events.count) events" + (skipped > 0 ? ", \(skipped) of unknown kinds skipped" : "")
            + (record.badLines.isEmpty ? "" : ", \(record.badLines.count) unreadable lines skipped") + ")")
        return 0
    }

    /// `diff A B`: 0 the same, 1 different, 2 unreadable.
    func diff(_ a: String, _ b: String) -> Int32 {
        do {
            let result = try TraceDiff.compare(a, b)
            out(result.report)
            return result.same ? 0 : 1
        } catch {
            err("tello-scenario: \(error)")
            return 2
        }
    }
}
