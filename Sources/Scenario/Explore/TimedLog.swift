import Clocks
import Foundation
import Logs

/// A log record and the scenario time it was written at.
public struct TimedRecord: Sendable {
    public var time: Duration
    public var record: LogRecord
}

/// Keeps every record with the scenario time it was written at, so the
/// explorer can bound how long something took (an emergency reaching the drone).
///
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class TimedLog: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [TimedRecord] = []
    private let time: any TimeSource

    init(time: any TimeSource) { self.time = time }

    func write(_ record: LogRecord) {
        let now = time.now
        lock.withLock { stored.append(TimedRecord(time: now, record: record)) }
    }

    var records: [TimedRecord] { lock.withLock { stored } }
}
