import Foundation

extension ScenarioCommand {
    /// `trace LOG... [-o FILE]`: the log's parts in order (`LOG.1 LOG` when it rotated).
    static func parseTrace(_ arguments: ArraySlice<String>) throws -> ScenarioCommand {
        var rest = arguments
        var logs: [String] = []
        var output: String?
        while let argument = rest.popFirst() {
            if argument == "-o" || argument == "--output" {
                guard let next = rest.popFirst() else { throw UsageError("\(argument) needs a file") }
                output = next
            } else if argument.hasPrefix("-") {
                throw UsageError("unknown option \(argument) for trace")
            } else {
                logs.append(argument)
            }
        }
        guard let last = logs.last else { throw UsageError("trace needs a record log (tello-agent --record PATH)") }
        return .trace(logs: logs, output: output ?? defaultTracePath(for: last))
    }

    /// `diff A B`
    static func parseDiff(_ arguments: ArraySlice<String>) throws -> ScenarioCommand {
        let paths = Array(arguments)
        if let option = paths.first(where: { $0.hasPrefix("-") }) { throw UsageError("unknown option \(option) for diff") }
        guard paths.count == 2 else { throw UsageError("diff needs two files (transcripts, traces or record logs), not \(paths.count)") }
        return .diff(paths[0], paths[1])
    }

    /// `session.jsonl` -> `session.html`, beside the log.
    static func defaultTracePath(for log: String) -> String {
        let path = log as NSString
        return path.pathExtension.isEmpty ? log + ".html" : path.deletingPathExtension + ".html"
    }
}
