import Foundation
import JSONValue

/// A `tello-agent --record` log read for drawing: its first line (what was
/// recorded, when, against which drone) and its events. Kinds this reader
/// does not know are skipped and counted (the format grows by new kinds), and
/// so are lines that are not events (a recording cut off mid-line).
public struct RecordedTrace: Sendable {
    public static let format = "tello-agent-record"
    public static let version = 1
    /// The kinds drawn; any other is skipped.
    public static let knownKinds: Set<String> = [
        "ws_open", "ws_refused", "ws_in", "ws_out", "ws_close", "drone_out", "drone_in", "drone_state", "video",
        "backend_post", "backend_reply", "llm_request", "llm_reply", "note",
    ]

    public var header: JSONValue
    public var events: [TraceEvent]
    /// Events of kinds not drawn, by kind.
    public var skippedKinds: [String: Int]
    /// Lines that were not events, as `FILE:LINE` (1-based), at most `maxProblems` of them kept.
    public var badLines: [String]
    static let maxProblems = 20

    /// Reads the log's text; throws if the first line is not a record log's.
    public init(text: String, file: String) throws(RecordedTraceError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), let header = try? JSONValue(parsing: String(first)), header.objectValue != nil else {
            throw RecordedTraceError(file: file, message: "the first line is not JSON: not a tello-agent --record log")
        }
        guard header["format"]?.stringValue == Self.format else {
            throw RecordedTraceError(file: file, message: "the first line has no \"format\":\"\(Self.format)\": not a tello-agent --record log")
        }
        guard let version = header["version"]?.intValue, version == Self.version else {
            throw RecordedTraceError(file: file, message: "record log version \(header["version"]?.text ?? "missing"); this reader knows version \(Self.version)")
        }
        self.header = header
        events = []
        skippedKinds = [:]
        badLines = []
        var number = 1
        while let line = lines.next() {
            number += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let json = try? JSONValue(parsing: String(line)), let event = TraceEvent(json: json) else {
                if badLines.count < Self.maxProblems { badLines.append("\((file as NSString).lastPathComponent):\(number)") }
                continue
            }
            guard Self.knownKinds.contains(event.kind) else {
                skippedKinds[event.kind, default: 0] += 1
                continue
            }
            events.append(event)
        }
        events = events.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
    }

    /// Reads a log's parts in order (`LOG.1 LOG` when it rotated): the first part's
    /// header, every part's events (their times all count from the recording's start).
    public init(parts files: [String]) throws(RecordedTraceError) {
        guard let first = files.first else { throw RecordedTraceError(file: "", message: "no record log given") }
        self = try RecordedTrace(contentsOf: first)
        for file in files.dropFirst() {
            let part = try RecordedTrace(contentsOf: file)
            events += part.events
            skippedKinds.merge(part.skippedKinds, uniquingKeysWith: +)
            badLines = Array((badLines + part.badLines).prefix(Self.maxProblems))
        }
        events = events.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
    }

    public init(contentsOf file: String) throws(RecordedTraceError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw RecordedTraceError(file: file, message: "cannot read: \(error.localizedDescription)")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), file: file)
    }

    /// The trace of the recorded session; what was skipped is said in `note` events at the end.
    public func document(title: String) -> TraceDocument {
        var events = self.events
        let end = events.last?.t ?? 0
        if !skippedKinds.isEmpty {
            let kinds = skippedKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            events.append(TraceEvent(t: end, kind: "note", fields: ["text": .string("not drawn, kinds this reader does not know: \(kinds)")]))
        }
        if !badLines.isEmpty {
            let lines = badLines.joined(separator: ", ")
            events.append(TraceEvent(t: end, kind: "note", fields: ["text": .string("lines that are not events, skipped: \(lines)")]))
        }
        return TraceDocument(title: title, source: "record", about: header, failure: nil, transcript: nil, events: events)
    }
}

/// A file that is not a record log this reader understands.
public struct RecordedTraceError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
