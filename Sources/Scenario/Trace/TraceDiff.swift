import Foundation

/// `tello-scenario diff A B`: where two transcripts, traces or record logs
/// part. Lines are compared channel by channel (as transcripts are written:
/// two clients' streams are not ordered against each other), channels in
/// transcript order, then the drone link and the LLM. The report shows the
/// first differing line with the lines before it, then a summary per channel.
public enum TraceDiff {
    /// Lines of context shown before the first difference, and after it.
    static let contextBefore = 4
    static let contextAfter = 3

    public struct Result: Sendable, Equatable {
        public var same: Bool
        public var report: String
    }

    /// Reads both files and compares them.
    public static func compare(_ pathA: String, _ pathB: String) throws -> Result {
        let a = try DiffInput(path: pathA), b = try DiffInput(path: pathB)
        return compare(a, b)
    }

    static func compare(_ a: DiffInput, _ b: DiffInput) -> Result {
        // Both have the drone link: compare it too. A transcript on either side: what transcripts hold.
        let full = a.hasEvents && b.hasEvents
        let linesA = a.entries(full: full), linesB = b.entries(full: full)
        let channels = order(linesA.map(\.channel) + linesB.map(\.channel))
        var report = [
            "A: \(a.path) (\(a.what), \(linesA.count) lines compared)",
            "B: \(b.path) (\(b.what), \(linesB.count) lines compared)",
        ]
        if !full { report.append("compared: what transcripts hold (a transcript is one of the two)") }
        var first: (channel: String, index: Int)?
        var rows: [(String, Int, Int, String)] = []
        for channel in channels {
            let x = linesA.filter { $0.channel == channel }, y = linesB.filter { $0.channel == channel }
            let parting = zip(x, y).enumerated().first { $0.element.0.line != $0.element.1.line }?.offset ?? (x.count == y.count ? nil : min(x.count, y.count))
            if first == nil, let parting { first = (channel, parting) }
            let onlyA = unmatched(x.map(\.line), y.map(\.line)), onlyB = unmatched(y.map(\.line), x.map(\.line))
            let state = parting.map { "parts at line \($0 + 1): \(onlyA) only in A, \(onlyB) only in B" } ?? "same"
            rows.append((channel, x.count, y.count, state))
        }
        guard let first else {
            report.append("same: \(linesA.count) lines in \(channels.count) channel\(channels.count == 1 ? "" : "s")")
            return Result(same: true, report: report.joined(separator: "\n"))
        }
        let x = linesA.filter { $0.channel == first.channel }, y = linesB.filter { $0.channel == first.channel }
        report.append("")
        report.append("first difference: \(first.channel), line \(first.index + 1) of that channel" + when(x, y, first.index))
        for line in x[max(0, first.index - contextBefore)..<first.index] { report.append("    " + show(line)) }
        for line in x[first.index..<min(x.count, first.index + contextAfter)] { report.append("  A " + show(line)) }
        if first.index >= x.count { report.append("  A (no more lines in this channel)") }
        for line in y[first.index..<min(y.count, first.index + contextAfter)] { report.append("  B " + show(line)) }
        if first.index >= y.count { report.append("  B (no more lines in this channel)") }
        report.append("")
        report.append("summary:")
        let width = max(8, channels.map(\.count).max() ?? 0)
        report.append("  " + "channel".padding(toLength: width, withPad: " ", startingAt: 0) + "      A      B")
        for (channel, countA, countB, state) in rows {
            report.append("  " + channel.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: " %6d %6d  ", countA, countB) + state)
        }
        let differing = rows.filter { $0.3 != "same" }.count
        report.append("\(differing) of \(rows.count) channels differ")
        return Result(same: false, report: report.joined(separator: "\n"))
    }

    /// `scenario` first, then clients in the order they appear, then `backend`, `drone`, `llm`.
    static func order(_ names: [String]) -> [String] {
        var seen: [String] = []
        for name in names where !seen.contains(name) { seen.append(name) }
        let tail = ["backend", "drone", "llm"]
        return seen.filter { $0 == "scenario" } + seen.filter { $0 != "scenario" && !tail.contains($0) } + tail.filter(seen.contains)
    }

    /// How many of `lines` have no counterpart in `other` (as multisets).
    static func unmatched(_ lines: [String], _ other: [String]) -> Int {
        var counts: [String: Int] = [:]
        for line in other { counts[line, default: 0] += 1 }
        var missing = 0
        for line in lines {
            if let count = counts[line], count > 0 { counts[line] = count - 1 } else { missing += 1 }
        }
        return missing
    }

    static func show(_ entry: DiffInput.Entry) -> String {
        let shown = entry.text.count > 240 ? String(entry.text.prefix(239)) + "…" : entry.text
        return shown + (entry.t.map { "  [t=" + String(format: "%.3f", $0) + "s]" } ?? "")
    }

    static func when(_ x: [DiffInput.Entry], _ y: [DiffInput.Entry], _ index: Int) -> String {
        let times = [index < x.count ? x[index].t.map { "A at \(String(format: "%.3f", $0))s" } : nil,
                     index < y.count ? y[index].t.map { "B at \(String(format: "%.3f", $0))s" } : nil].compactMap { $0 }
        return times.isEmpty ? "" : " (" + times.joined(separator: ", ") + ")"
    }
}
