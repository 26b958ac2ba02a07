import Logs
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
