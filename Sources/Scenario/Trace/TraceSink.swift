import Clocks
import Foundation
import JSONValue
import Logs

/// Collects a run's trace events as they happen, stamped with the run's clock.
/// Fed by the scenario runner (steps, client messages), the agent's log, the
/// simulated drone's tap and, at the end, the mocks' records. It only
/// watches: nothing it does changes what the system does, so a traced run
/// gives the same transcript as an untraced one.
///
/// `@unchecked Sendable`: `stored` and `dropped` are only touched under `lock`.
public final class TraceSink: @unchecked Sendable {
    /// A run that makes more events than this keeps the first ones and says how many it dropped.
    public static let maxEvents = 400_000

    private let lock = NSLock()
    private var stored: [TraceEvent] = []
    private var dropped = 0
    let time: any TimeSource
    /// Scenario time at which the run started: events count from here.
    let start: Duration

    public init(time: any TimeSource) {
        self.time = time
        self.start = time.now
    }

    /// Records an event now.
    public func record(_ kind: String, _ fields: [String: JSONValue] = [:]) {
        record(kind, at: time.now, fields)
    }

    /// Records an event that happened at `instant` on the run's clock.
    public func record(_ kind: String, at instant: Duration, _ fields: [String: JSONValue]) {
        let event = TraceEvent(t: (instant - start).seconds, kind: kind, fields: fields)
        lock.withLock {
            guard stored.count < Self.maxEvents else {
                dropped += 1
                return
            }
            stored.append(event)
        }
    }

    /// Every event in time order (events recorded late, such as the mocks', take their place by time).
    public var events: [TraceEvent] {
        let (events, dropped) = lock.withLock { (stored, self.dropped) }
        var sorted = events.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
        if dropped > 0 {
            sorted.append(TraceEvent(t: sorted.last?.t ?? 0, kind: "note", fields: ["text": .string("dropped the last \(dropped) events to stay under \(Self.maxEvents)")]))
        }
        return sorted
    }

    /// The agent's, simulator's and mocks' log lines as `log` events.
    public var logSink: any LogSink { TraceLogSink(trace: self) }
}

/// Writes each log record into the trace, at info and above: debug lines
/// (every datagram, every frame) would drown the agent's lane.
struct TraceLogSink: LogSink {
    let trace: TraceSink

    func write(_ record: LogRecord) {
        guard record.level >= .info else { return }
        var fields: [String: JSONValue] = [:]
        for field in record.fields { fields[field.key] = .string(field.value) }
        trace.record("log", [
            "level": .string("\(record.level)"), "component": .string(record.component), "message": .string(record.message),
            "fields": .object(fields),
        ])
    }
}
