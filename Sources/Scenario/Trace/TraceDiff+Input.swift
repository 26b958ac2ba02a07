import Foundation
import JSONValue

/// One side of `tello-scenario diff`: a transcript (as `--verbose` prints it),
/// an HTML trace, or a record log, read as lines per channel.
struct DiffInput {
    /// One comparable line: `channel: line`, and when it happened if the input knows.
    struct Entry: Equatable {
        var channel: String
        var line: String
        var t: Double?
        var text: String { "\(channel): \(line)" }
    }

    let path: String
    /// What the file is, for the report: `transcript`, `trace of normal-command run 1`, `record log`.
    let what: String
    /// A transcript has no drone link or LLM exchanges; traces and record logs do.
    let hasEvents: Bool
    private let transcriptEntries: [Entry]
    private let allEntries: [Entry]

    /// The lines compared: only what transcripts hold when either side is a transcript.
    func entries(full: Bool) -> [Entry] { full ? allEntries : transcriptEntries }

    init(path: String) throws(DiffInputError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiffInputError(description: "\(path): cannot read: \(error.localizedDescription)")
        }
        let text = String(decoding: data, as: UTF8.self)
        self.path = path
        if text.contains(TraceHTML.blobOpening) {
            guard let document = TraceHTML.document(inPage: text) else {
                throw DiffInputError(description: "\(path): an HTML page whose trace data this version cannot read")
            }
            what = "trace of \(document.title)"
            hasEvents = true
            (transcriptEntries, allEntries) = Self.entries(document.events)
        } else if text.hasPrefix("{"), let first = text.split(separator: "\n").first, (try? JSONValue(parsing: String(first)))?["format"]?.stringValue == RecordedTrace.format {
            let log: RecordedTrace
            do { log = try RecordedTrace(text: text, file: path) } catch { throw DiffInputError(description: error.description) }
            what = "record log"
            hasEvents = true
            (transcriptEntries, allEntries) = Self.entries(log.events)
        } else if text.drop(while: \.isWhitespace).hasPrefix("<") {
            throw DiffInputError(description: "\(path): an HTML or XML file without trace data, not a transcript")
        } else {
            what = "transcript"
            hasEvents = false
            transcriptEntries = text.split(separator: "\n").compactMap { line in
                guard let colon = line.range(of: ": ") else { return nil }
                return Entry(channel: String(line[..<colon.lowerBound]), line: String(line[colon.upperBound...]), t: nil)
            }
            allEntries = transcriptEntries
        }
    }

    /// Transcript-like lines (what a transcript holds) and every comparable line (adding the drone link, the LLM, failed steps).
    static func entries(_ events: [TraceEvent]) -> (transcript: [Entry], all: [Entry]) {
        var transcript: [Entry] = []
        var all: [Entry] = []
        for event in events {
            if let line = transcriptLine(event) {
                transcript.append(line)
                all.append(line)
            } else if let line = linkLine(event) {
                all.append(line)
            }
        }
        return (transcript, all)
    }

    /// The line a transcript writes for this event: carried by a scenario trace's
    /// events, worked out the same way for a record log's.
    static func transcriptLine(_ event: TraceEvent) -> Entry? {
        if event["ignored"] == true { return nil }
        if let channel = event["channel"]?.stringValue, let line = event["line"]?.stringValue {
            return Entry(channel: channel, line: line, t: event.t)
        }
        let setup = TranscriptSetup()
        // A refused handshake never became a client: a recording names none.
        let client = event["client"]?.stringValue ?? "refused"
        let transcriptEvent: TranscriptEvent
        switch event.kind {
        case "ws_open":
            transcriptEvent = .connected(client: client, path: event["path"]?.stringValue ?? "/", origin: event["origin"]?.stringValue)
        case "ws_refused":
            transcriptEvent = .refused(client: client, status: event["status"]?.intValue ?? 0)
        case "ws_in":
            guard let text = event["text"]?.stringValue else {
                return Entry(channel: client, line: "-> binary \(event["binary"]?.intValue ?? 0) bytes", t: event.t)
            }
            return Entry(channel: client, line: "-> " + TranscriptFormat.renderText(text, setup: setup), t: event.t)
        case "ws_out":
            guard let text = event["text"]?.stringValue else {
                return Entry(channel: client, line: "<- binary \(event["binary"]?.intValue ?? 0) bytes", t: event.t)
            }
            let message = ReceivedMessage.text(text)
            if let type = message.type, setup.ignoredTypes.contains(type) { return nil }
            transcriptEvent = .received(client: client, message: message)
        case "ws_close":
            let code = event["code"]?.intValue, reason = event["reason"]?.stringValue ?? ""
            transcriptEvent = event["initiator"] == "agent" ? .agentClosed(client: client, code: code ?? 1006, reason: reason)
                : .clientClosed(client: client, code: code, reason: reason)
        case "backend_post":
            transcriptEvent = .backendRequest(method: event["method"]?.stringValue ?? "POST", path: event["url"]?.stringValue ?? "?", body: event["body"])
        default:
            return nil
        }
        return Entry(channel: transcriptEvent.channel, line: TranscriptFormat.line(for: transcriptEvent, setup: setup), t: event.t)
    }

    /// The drone link, the LLM and failed steps: what a trace has beyond the transcript.
    static func linkLine(_ event: TraceEvent) -> Entry? {
        func trimmed(_ key: String) -> String { (event[key]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        switch event.kind {
        case "drone_out": return Entry(channel: "drone", line: "-> " + trimmed("text"), t: event.t)
        case "drone_in": return Entry(channel: "drone", line: "<- " + (event["binary"] == true ? "binary " + trimmed("hex") : trimmed("text")), t: event.t)
        case "llm_request": return Entry(channel: "llm", line: "request \(trimmed("provider")) \(trimmed("url"))", t: event.t)
        case "llm_reply":
            let answer = event["error"]?.stringValue ?? "\(event["status"]?.intValue ?? 0)"
            return Entry(channel: "llm", line: "reply \(answer)", t: event.t)
        case "step_end" where event["ok"] == false:
            let index = (event["index"]?.intValue ?? 0) + 1
            return Entry(channel: "scenario", line: "step \(index) failed: expected \(trimmed("expected"))", t: event.t)
        default: return nil
        }
    }
}

struct DiffInputError: Error, CustomStringConvertible {
    var description: String
}
