import Clocks
import Foundation
import JSONValue

/// Writes a session's `RecordEvent`s to a JSON-lines file (docs/recording.md).
///
/// `record` only appends to a bounded in-memory buffer under a lock: no
/// rendering, no I/O, no wake-up, so the agent's hot paths (every message,
/// every datagram) pay a lock and an append. A dedicated writer thread (file
/// I/O blocks, so it never runs on the cooperative pool) drains the buffer
/// every `Limits.drainInterval`, renders and redacts the lines, and appends
/// them. When the buffer is full the event is counted as dropped, and the
/// writer says how many in a `note`. The file is bounded: see `FileParts`.
///
/// `@unchecked Sendable`: `pending`, `dropped` and `stopping` are only
/// touched under `condition`; `parts` only on the writer thread (or at init, before it exists).
package final class FlightRecorder: RecordSink, @unchecked Sendable {
    package struct Limits: Sendable, Equatable {
        /// The log's files together stay under this (`--record-max-bytes`).
        package var maxBytes = 64 * 1024 * 1024
        /// Events waiting for the writer at most; beyond, new ones are dropped and counted.
        package var bufferedEvents = 65_536
        /// How often the writer wakes to drain the buffer.
        package var drainInterval: Duration = .milliseconds(50)
        package init() {}
    }

    package let path: String
    private let limits: Limits
    private let redaction: Redaction
    private let time: any TimeSource
    private let origin: Duration
    private let condition = NSCondition()
    private var pending: [(Duration, RecordEvent)] = []
    private var dropped = 0
    private var stopping = false
    private var parts: FileParts

    /// Creates (truncates) the file at `path` and writes its header at once, so a bad
    /// path fails the agent's start, not its first event. `header` is the first line's
    /// `drone` and `options` (non-secret flags only; they are redacted again anyway).
    package init(path: String, drone: String, options: [String: JSONValue], limits: Limits = Limits(),
                 redaction: Redaction = Redaction(), time: any TimeSource = SystemTime(), started: Date = Date()) throws {
        self.path = path
        self.limits = limits
        self.redaction = redaction
        self.time = time
        self.origin = time.now
        let header: [String: JSONValue] = [
            "format": "tello-agent-record", "version": 1, "started": .string(Self.iso8601(started)), "drone": .string(drone),
            "options": Redaction.members(.object(options)).0,
        ]
        parts = try FileParts(path: path, header: header, maxBytes: limits.maxBytes)
        pending.reserveCapacity(1024)
    }

    package func record(_ event: RecordEvent) {
        let now = time.now
        condition.lock()
        if pending.count < limits.bufferedEvents, !stopping {
            pending.append((now, event))
        } else {
            dropped += 1
        }
        condition.unlock()
    }

    /// Runs the writer thread until `finish` (or cancellation), then returns once
    /// everything buffered is written and the file closed. Called once.
    package func run() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    writeUntilStopped()
                    done.resume()
                }
                thread.name = "flight-recorder"
                thread.start()
            }
        } onCancel: {
            finish()
        }
    }

    /// Asks the writer to write what is buffered and stop; events recorded after this are dropped.
    package func finish() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Events dropped so far because the buffer was full or the writer had stopped.
    package var droppedEvents: Int {
        condition.lock()
        defer { condition.unlock() }
        return dropped
    }

    private func writeUntilStopped() {
        var batch: [(Duration, RecordEvent)] = []
        batch.reserveCapacity(1024)
        var reportedDrops = 0
        var renderer = LineRenderer()
        while true {
            condition.lock()
            if !stopping, pending.isEmpty {
                _ = condition.wait(until: Date(timeIntervalSinceNow: limits.drainInterval.seconds))
            }
            swap(&batch, &pending)
            let newDrops = dropped - reportedDrops
            reportedDrops = dropped
            let last = stopping
            condition.unlock()
            var lines = batch.map { renderer.line($0.1, at: seconds($0.0), redaction) }
            if newDrops > 0 {
                let note = RecordEvent.note("dropped \(newDrops) events: the writer fell behind (buffer of \(limits.bufferedEvents) events full)")
                lines.append(note.line(at: seconds(time.now), redaction) + "\n")
            }
            batch.removeAll(keepingCapacity: true)
            if !lines.isEmpty { parts.append(lines, at: seconds(time.now), redaction: redaction) }
            if last { break }
        }
        parts.close()
    }

    private func seconds(_ at: Duration) -> Double { (at - origin).seconds }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
