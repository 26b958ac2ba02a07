import Foundation
import JSONValue

/// A recorded session read back: the header of its first file and every
/// event, in order, for `tello-scenario from-session` and `trace`. Several
/// files (`PATH.1` then `PATH`) are one session; a later part's header is
/// skipped. Unknown kinds are kept (readers ignore what they do not know).
package struct RecordLog: Sendable {
    /// One event: its time in seconds since the session started, its kind and its members.
    package struct Event: Sendable {
        package let t: Double
        package let kind: String
        package let fields: [String: JSONValue]

        package subscript(name: String) -> JSONValue? { fields[name] }
        package func string(_ name: String) -> String? { fields[name]?.stringValue }
        package func int(_ name: String) -> Int? { fields[name]?.intValue }
    }

    package var header: [String: JSONValue]
    package var events: [Event]

    package var drone: String { header["drone"]?.stringValue ?? "unknown" }
    package var options: [String: JSONValue] { header["options"]?.objectValue ?? [:] }

    /// Parses the files' text, in order. Throws on anything that is not a log.
    package init(texts: [(name: String, text: String)]) throws(RecordLogError) {
        var header: [String: JSONValue]?
        var events: [Event] = []
        for (name, text) in texts {
            var number = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                number += 1
                if line.allSatisfy(\.isWhitespace) { continue }
                let value: JSONValue
                do { value = try JSONValue(parsing: String(line)) } catch {
                    let what = header == nil ? "not a recording (tello-agent --record writes one JSON object per line)" : "not JSON"
                    throw RecordLogError(message: "\(name): line \(number): \(what): \(error)")
                }
                guard let object = value.objectValue else { throw RecordLogError(message: "\(name): line \(number): not a JSON object") }
                if object["format"] != nil {
                    guard object["format"]?.stringValue == "tello-agent-record" else {
                        throw RecordLogError(message: "\(name): line \(number): format is not tello-agent-record")
                    }
                    guard let version = object["version"]?.intValue, version == 1 else {
                        throw RecordLogError(message: "\(name): line \(number): unsupported version \(object["version"]?.text ?? "none") (this reader knows 1)")
                    }
                    if header == nil { header = object }
                    continue
                }
                guard header != nil else { throw RecordLogError(message: "\(name): line \(number): the first line must be the log's header") }
                guard let t = object["t"]?.doubleValue, let kind = object["kind"]?.stringValue else {
                    throw RecordLogError(message: "\(name): line \(number): an event needs \"t\" and \"kind\"")
                }
                var fields = object
                fields["t"] = nil
                fields["kind"] = nil
                events.append(Event(t: t, kind: kind, fields: fields))
            }
        }
        guard let header else { throw RecordLogError(message: "\(texts.map(\.name).joined(separator: ", ")): empty, not a recording") }
        self.header = header
        self.events = events
    }

    /// Reads the files at `paths`, in order.
    package init(paths: [String]) throws(RecordLogError) {
        var texts: [(String, String)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw RecordLogError(message: "\(path): cannot read it") }
            texts.append((path, String(decoding: data, as: UTF8.self)))
        }
        try self.init(texts: texts)
    }
}

package struct RecordLogError: Error, Sendable, CustomStringConvertible {
    package let message: String
    package var description: String { message }
}
