import Foundation
import JSONValue

/// Finds the JSON plan in a model's reply, in linear time.
///
/// Models wrap the JSON they were asked for in prose, in ```json fences, or
/// send it bare. Candidates are tried in that order of trust: fenced blocks,
/// then every top-level `{…}` or `[…]` span found by one bracket-matching
/// pass (which skips brackets inside JSON strings); the first candidate that
/// parses and reads as a plan wins. Replies over `maximumLength` are refused
/// unread, so a runaway model cannot stall the agent.
package enum PlanExtraction {
    /// 256 KiB: far above any real plan (a 20-step plan is about 2 KiB).
    package static let maximumLength = 256 * 1024

    /// The plan in `reply`, normalised; a `PlanningError` saying what was wrong otherwise.
    package static func plan(from reply: String, rawResponse: String? = nil) throws(PlanningError) -> Plan {
        guard reply.utf8.count <= maximumLength else {
            throw PlanningError("模型回复过长（\(reply.utf8.count)字节，上限\(maximumLength)）")
        }
        var firstProblem: PlanningError?
        for candidate in candidates(in: Array(reply.utf8)) {
            guard let json = try? JSONValue(parsingAllowingTrailingCommas: Data(candidate)) else { continue }
            do {
                return Plan(commands: try PlanNormalisation.commands(from: json), rawResponse: rawResponse ?? reply)
            } catch {
                firstProblem = firstProblem ?? error
            }
        }
        throw firstProblem ?? PlanningError("模型回复中没有找到JSON格式的指令")
    }

    /// Fenced blocks first, then top-level bracketed spans, each a byte slice of `text`.
    static func candidates(in text: [UInt8]) -> [ArraySlice<UInt8>] {
        fencedBlocks(in: text) + bracketSpans(in: text)
    }

    /// Bodies of ``` fences (the info string such as `json` is skipped).
    static func fencedBlocks(in text: [UInt8]) -> [ArraySlice<UInt8>] {
        var blocks: [ArraySlice<UInt8>] = []
        var i = 0
        var openBody: Int?
        while i + 2 < text.count {
            guard text[i] == UInt8(ascii: "`"), text[i + 1] == UInt8(ascii: "`"), text[i + 2] == UInt8(ascii: "`") else {
                i += 1
                continue
            }
            if let body = openBody {
                blocks.append(text[body..<i])
                openBody = nil
                i += 3
            } else {
                var j = i + 3
                while j < text.count, text[j] != UInt8(ascii: "\n") { j += 1 }
                openBody = min(j + 1, text.count)
                i = openBody ?? text.count
            }
        }
        return blocks
    }

    /// A stray opener in prose ("use { to…") leaves the rest of the text
    /// inside an unclosed span; the scan then restarts just after it, at most
    /// this many times, which keeps the whole search linear.
    static let maximumRescans = 8

    /// Top-level `{…}`/`[…]` spans. Outside a span, quotes are prose
    /// ("don't"); inside, strings and escapes are tracked so `"}"` does not
    /// close anything. A closer that does not match resets the search.
    static func bracketSpans(in text: [UInt8]) -> [ArraySlice<UInt8>] {
        var spans: [ArraySlice<UInt8>] = []
        var from = 0
        for _ in 0...maximumRescans {
            let (found, unclosed) = bracketSpans(in: text, from: from)
            spans += found
            guard let unclosed else { break }
            from = unclosed + 1
        }
        return spans
    }

    /// One pass from `from`; also returns where an unclosed span began.
    private static func bracketSpans(in text: [UInt8], from: Int) -> ([ArraySlice<UInt8>], Int?) {
        var spans: [ArraySlice<UInt8>] = []
        var stack: [UInt8] = []
        var start = 0
        var inString = false, escaped = false
        for i in from..<text.count {
            let byte = text[i]
            if stack.isEmpty {
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    stack.append(byte)
                    start = i
                }
                continue
            }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): stack.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let opener = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
                guard stack.last == opener else {
                    stack.removeAll()
                    continue
                }
                stack.removeLast()
                if stack.isEmpty { spans.append(text[start...i]) }
            default: break
            }
        }
        return (spans, stack.isEmpty ? nil : start)
    }
}
