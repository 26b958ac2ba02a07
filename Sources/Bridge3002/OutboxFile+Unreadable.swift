import Foundation
import JSONValue

extension OutboxFile {
    /// An `--outbox` file that exists but cannot be used. It may hold
    /// analyses not yet delivered, so start-up stops and the file is left
    /// untouched; the message names the file, says what is wrong (with the
    /// line and column of a JSON syntax error) and what to do about it.
    package struct Unreadable: Error, Sendable, Equatable, CustomStringConvertible {
        package let path: String
        /// What is wrong, e.g. "not valid JSON: invalid value at line 3, column 17 (byte 41)".
        package let problem: String

        package init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }

        package var description: String {
            "cannot use the outbox file \(path): \(problem). It may hold analyses not yet delivered, so it was left "
                + "as it is. Repair it, or move it away (mv \(path) \(path).bad) to start with an empty outbox, "
                + "or pass another --outbox path."
        }
    }

    /// Why `data` is not an outbox document, as `Unreadable` (never overwrites anything).
    static func diagnose(_ error: any Error, in data: Data, path: String) -> Unreadable {
        if let refusal = FoundationJSONRefusal(data) {
            return Unreadable(path: path, problem: "not valid JSON: " + syntaxProblem(refusal, in: data))
        }
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return Unreadable(path: path, problem: "not an outbox: at \(location(context)), expected \(type): \(context.debugDescription)")
        case DecodingError.valueNotFound(let type, let context):
            return Unreadable(path: path, problem: "not an outbox: at \(location(context)), expected \(type), found null")
        case DecodingError.keyNotFound(let key, let context):
            return Unreadable(path: path, problem: "not an outbox: \(location(context)) has no \"\(key.stringValue)\"")
        case DecodingError.dataCorrupted(let context):
            return Unreadable(path: path, problem: "not an outbox: at \(location(context)): \(context.debugDescription)")
        default:
            return Unreadable(path: path, problem: "not an outbox: \(error)")
        }
    }

    /// The failing position of a JSON syntax error, as a line and column.
    private static func syntaxProblem(_ refusal: FoundationJSONRefusal, in data: Data) -> String {
        let message = refusal.message
        guard let offset = refusal.offset, offset <= data.count else {
            let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
            return trimmed.prefix(1).lowercased() + trimmed.dropFirst()
        }
        let before = data.prefix(offset)
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: data[lineStart..<(data.startIndex + offset)], as: UTF8.self).count + 1
        let kind = message.lowercased().hasPrefix("invalid value") ? "invalid value" : "syntax error"
        return "\(kind) at line \(line), column \(column) (byte \(offset))"
    }

    /// A coding path for a message: `entries[2].body`, or "the top level".
    private static func location(_ context: DecodingError.Context) -> String {
        var text = ""
        for key in context.codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "the top level" : text
    }
}
