import Foundation

/// Where log records go. Sinks must be safe to call from any thread.
public protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}

/// Timestamped lines on standard error, written whole with one `write` each so
/// concurrent components never interleave inside a line.
public final class StandardErrorSink: LogSink, @unchecked Sendable {
    public static let shared = StandardErrorSink()
    private let lock = NSLock()  // guards nothing but the order of writes

    public func write(_ record: LogRecord) {
        let line = Timestamp.iso8601Now() + " " + record.formatted + "\n"
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }
}

/// Appends timestamped lines to a file (`--log-file`).
///
/// `@unchecked Sendable`: the handle is only touched under `lock`.
public final class FileSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle

    /// Opens (creating if needed) `path` for appending.
    public init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    public func write(_ record: LogRecord) {
        let line = Timestamp.iso8601Now() + " " + record.formatted + "\n"
        lock.withLock { handle.write(Data(line.utf8)) }
    }

    deinit { try? handle.close() }
}

/// Keeps records in memory, for tests and for scenarios that expect a log line.
///
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
public final class MemorySink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LogRecord] = []

    public init() {}

    public func write(_ record: LogRecord) {
        lock.withLock { stored.append(record) }
    }

    public var records: [LogRecord] { lock.withLock { stored } }

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

enum Timestamp {
    static func iso8601Now() -> String {
        Date.now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
