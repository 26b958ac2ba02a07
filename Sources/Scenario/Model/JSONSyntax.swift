import Foundation
import JSONValue

/// Why a text that failed to parse is not JSON, said with a line and column:
/// nesting deeper than the parser takes, a file that ends with something
/// still open (a string, an array, an object), or else where the parser
/// stopped.
enum JSONSyntax {
    /// Foundation's parser refuses deeper documents (and scenario files never need more).
    static let maxDepth = 512

    /// The error for `data`, which the JSON parser refused.
    static func problem(in data: Data) -> ScenarioFileError {
        let bytes = [UInt8](data)
        var open: [(byte: UInt8, offset: Int)] = []
        var stringStart: Int?
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if let _ = stringStart {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    stringStart = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): stringStart = offset
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append((byte, offset))
                if open.count > maxDepth {
                    return ScenarioFileError(
                        location: location(of: offset, in: bytes), expected: "JSON nested at most \(maxDepth) levels deep",
                        found: "\(kind(byte)) at level \(open.count)")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // A mismatched bracket is the parser's to report, below.
                guard let last = open.last, (last.byte == UInt8(ascii: "[")) == (byte == UInt8(ascii: "]")) else {
                    return parserProblem(bytes)
                }
                open.removeLast()
            default: break
            }
        }
        if let start = stringStart {
            return ScenarioFileError(
                location: location(of: bytes.count, in: bytes), expected: "valid JSON",
                found: "the end of the file inside the string opened at \(location(of: start, in: bytes))")
        }
        if let innermost = open.last {
            return ScenarioFileError(
                location: location(of: bytes.count, in: bytes), expected: "valid JSON",
                found: "the end of the file with \(kind(innermost.byte).replacingOccurrences(of: "an ", with: "the ")) opened at \(location(of: innermost.offset, in: bytes)) still open")
        }
        return parserProblem(bytes)
    }

    static func kind(_ bracket: UInt8) -> String { bracket == UInt8(ascii: "[") ? "an array" : "an object" }

    /// `line L, column C` of the byte at `offset` (columns count bytes, from 1).
    static func location(of offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes.prefix(offset)
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "line \(line), column \(column)"
    }

    /// Where Foundation's parser stopped ("around character N"), or "the document" if it names no place.
    static func parserProblem(_ bytes: [UInt8]) -> ScenarioFileError {
        let place = FoundationJSONRefusal(Data(bytes))?.offset.map { location(of: min($0, bytes.count), in: bytes) } ?? "the document"
        return ScenarioFileError(location: place, expected: "valid JSON", found: "a syntax error")
    }
}
