import Glibc
import Synchronization

/// Where log records go. Sinks must be safe to call from any thread.
public protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}

/// Timestamped lines on standard error, written whole with one `write` each so
/// concurrent components never interleave inside a line.
public final class StandardErrorSink: LogSink, Sendable {
    public static let shared = StandardErrorSink()
    private let order = Mutex(())  // guards nothing but the order of writes

    public func write(_ record: LogRecord) {
        let line = Timestamp.iso8601Now() + " " + record.formatted + "\n"
        order.withLock { _ in LineWriter.write(line, to: STDERR_FILENO) }
    }
}

/// Appends timestamped lines to a file (`--log-file`).
public final class FileSink: LogSink, Sendable {
    /// The open file's descriptor, closed when the sink goes; writes are ordered under the mutex.
    private let descriptor: Mutex<Int32>

    /// Opens (creating if needed, mode 0644) `path` for appending.
    public init(path: String) throws(LogFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LogFileError(path: path, code: errno) }
        descriptor = Mutex(fd)
    }

    public func write(_ record: LogRecord) {
        let line = Timestamp.iso8601Now() + " " + record.formatted + "\n"
        descriptor.withLock { fd in LineWriter.write(line, to: fd) }
    }

    deinit { descriptor.withLock { fd in _ = close(fd) } }
}

/// A log file that could not be opened: its path and the system's reason.
public struct LogFileError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let code: Int32

    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// Keeps records in memory, for tests and for scenarios that expect a log line.
public final class MemorySink: LogSink, Sendable {
    private let stored = Mutex<[LogRecord]>([])

    public init() {}

    public func write(_ record: LogRecord) {
        stored.withLock { $0.append(record) }
    }

    public var records: [LogRecord] { stored.withLock { $0 } }

    public var lines: [String] { records.map(\.formatted) }
}

/// Sends every record to each of several sinks (console and file, say).
public struct FanOutSink: LogSink {
    public let sinks: [any LogSink]

    public init(_ sinks: [any LogSink]) { self.sinks = sinks }

    public func write(_ record: LogRecord) {
        for sink in sinks { sink.write(record) }
    }
}

/// Writes a whole line with write(2), going on after a short write or EINTR;
/// a line that cannot be written (a closed descriptor, a full disk) is dropped:
/// logging never stops the program. Programs without Foundation write their
/// own lines with it too.
public enum LineWriter {
    public static func write(_ line: String, to fd: Int32) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
