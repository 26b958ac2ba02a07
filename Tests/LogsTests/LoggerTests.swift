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
}
