import Foundation
@testable import Logs
import Testing

@Suite struct LoggerTests {
    @Test func filtersBelowMinimumLevel() {
        let sink = MemorySink()
        let log = Logger(component: "agent", minimumLevel: .info, sink: sink)
        log.debug("hidden")
        log.info("shown", ("client", "127.0.0.1:5000"))
        log.warning("closed", ("code", 1006))
        #expect(sink.records.map(\.message) == ["shown", "closed"])
        #expect(sink.records[1][field: "code"] == "1006")
    }

    @Test func redactsSecretsByKey() {
        let sink = MemorySink()
        let log = Logger(component: "planner", minimumLevel: .trace, sink: sink)
        log.info("settings", ("api_key", "sk-live-123"), ("OPENAI_API_KEY", "x"), ("token", "t"), ("model", "gpt"))
        let line = sink.lines[0]
        #expect(!line.contains("sk-live-123"))
        #expect(line == "info planner: settings api_key=<redacted> OPENAI_API_KEY=<redacted> token=<redacted> model=gpt")
    }

    @Test func quotesValuesThatWouldBreakTheLine() {
        let record = LogRecord(level: .warning, component: "wire", message: "closed",
                               fields: [LogField("reason", ""), LogField("text", "a b=\"c\"\nd")])
        #expect(record.formatted == #"warning wire: closed reason="" text="a b=\"c\"\nd""#)
    }

    @Test func parsesLevelNames() {
        #expect(LogLevel(name: "WARN") == .warning)
        #expect(LogLevel(name: "debug") == .debug)
        #expect(LogLevel(name: "loud") == nil)
    }

    @Test func namedSharesSinkAndLevel() {
        let sink = MemorySink()
        let log = Logger(component: "a", minimumLevel: .warning, sink: sink).named("b")
        log.info("dropped")
        log.error("kept")
        #expect(sink.lines == ["error b: kept"])
    }

    /// A client-chosen value (a request `type`) must never end the line and start a forged one.
    @Test func boundFieldsLeadEveryLineAndSurviveRenaming() {
        let sink = MemorySink()
        let session = Logger(component: "agent", minimumLevel: .info, sink: sink).with(("client", "127.0.0.1:5000"))
        session.info("request", ("type", "get_status"))
        session.named("router").with(("token", "s3cret")).warning("refused")
        Logger(component: "agent", sink: sink).info("unbound")
        #expect(sink.lines == [
            "info agent: request client=127.0.0.1:5000 type=get_status",
            "warning router: refused client=127.0.0.1:5000 token=<redacted>",
            "info agent: unbound",
        ])
    }

    @Test func controlCharactersAreEscapedSoNoValueForgesALine() {
        let sink = MemorySink()
        let log = Logger(component: "agent", sink: sink)
        log.info("request", ("type", "x\r\nerror agent: drone crashed"), ("id", "a\u{1B}[31mred\u{0}end"), ("sep", "p\u{2028}q\u{85}r"))
        let line = sink.lines[0]
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\u{2028}" })
        #expect(line == #"info agent: request type="x\r\nerror agent: drone crashed" id="a\u001b[31mred\u0000end" sep="p\u2028q\u0085r""#)
        let message = LogRecord(level: .info, component: "c\n", message: "m\r\nn", fields: []).formatted
        #expect(message == #"info c\n: m\r\nn"#)
    }

    @Test func aBackslashIsQuotedSoEscapesStayUnambiguous() {
        let record = LogRecord(level: .info, component: "c", message: "m", fields: [LogField("path", #"a\nb"#)])
        #expect(record.formatted == #"info c: m path="a\\nb""#)
    }

    /// One client sending megabyte `type`s must not write megabytes of log.
    @Test func valuesAreBoundedWithAMarker() {
        let sink = MemorySink()
        let log = Logger(component: "agent", sink: sink)
        let huge = String(repeating: "t", count: 1 << 20)
        log.info("request", ("type", huge), ("short", "ok"))
        let value = sink.records[0][field: "type"] ?? ""
        #expect(value.utf8.count < 1200)
        #expect(value.hasPrefix(String(repeating: "t", count: LogField.limit)))
        #expect(value.hasSuffix("…[+\((1 << 20) - LogField.limit) bytes]"))
        #expect(sink.records[0][field: "short"] == "ok")
        #expect(sink.lines[0].utf8.count < 1200)
        let escaped = LogField("v", String(repeating: "\u{1B}", count: 10_000))
        #expect(LogRecord(level: .info, component: "c", message: "m", fields: [escaped]).formatted.utf8.count < 4000)
    }
}

/// Log lines start with the time as Foundation's ISO 8601 style wrote it
/// (UTC, milliseconds, `Z`), now made without Foundation in the module.
@Suite struct TimestampTests {
    @Test func formatsAsFoundationsISO8601StyleDid() {
        let instants: [(Int, Int)] = [(0, 0), (951_782_400, 999_999_999), (1_700_000_000, 123_456_789), (4_102_444_799, 1_000_000), (1_709_164_800, 500_000_000)]
        for (seconds, nanoseconds) in instants {
            // Half a millisecond more for Foundation, whose Double would otherwise truncate 0.999 to 0.998.
            let date = Date(timeIntervalSince1970: Double(seconds) + (Double(nanoseconds / 1_000_000) + 0.5) / 1000)
            let foundation = date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
            #expect(Timestamp.iso8601(seconds: seconds, nanoseconds: nanoseconds) == foundation)
        }
    }

    @Test func nowIsTodayInUTC() {
        let line = Timestamp.iso8601Now()
        #expect(line.count == 24 && line.hasSuffix("Z"))
        #expect(line.prefix(10) == Date.now.formatted(.iso8601.year().month().day()).prefix(10))
    }
}

@Suite struct FileSinkTests {
    @Test func appendsWholeLinesToAFileItCreates() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UInt64.random(in: 0...UInt64.max)).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let sink = try FileSink(path: path)
            sink.write(LogRecord(level: .info, component: "test", message: "first"))
        }
        try FileSink(path: path).write(LogRecord(level: .warning, component: "test", message: "second", fields: [LogField("why", "a b")]))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" info test: first"))
        #expect(lines[1].hasSuffix(" warning test: second why=\"a b\""))
    }

    @Test func aPathThatCannotBeOpenedIsAnErrorNamingIt() {
        #expect(throws: LogFileError.self) { try FileSink(path: "/nonexistent-dir/x.log") }
        do { _ = try FileSink(path: "/nonexistent-dir/x.log") } catch {
            #expect(error.description.hasPrefix("/nonexistent-dir/x.log: "))
        }
    }
}
