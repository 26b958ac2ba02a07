import Foundation
import JSONValue

/// The log's files, bounded: `PATH` is written until it holds half of
/// `maxBytes`; then it becomes `PATH.1` (the previous `PATH.1`, the oldest
/// part, is deleted) and a new `PATH` starts with the header again and a
/// `note` saying what was dropped. So the two files never hold more than
/// `maxBytes` together, the newest part always begins with a header, and
/// `PATH.1` then `PATH` read in order is the session's latest stretch.
/// Used by the writer thread only.
struct FileParts {
    let path: String
    let header: [String: JSONValue]
    let maxBytes: Int
    private var handle: FileHandle
    private var written = 0
    private var part = 1
    /// Events in the current and previous part (for the note when one is deleted).
    private var linesInPart = 0
    private var linesInPrevious = 0
    /// Bytes that could not be written (a full disk): counted, said once on standard error.
    private var failed = false

    init(path: String, header: [String: JSONValue], maxBytes: Int) throws {
        self.path = path
        self.header = header
        self.maxBytes = maxBytes
        try? FileManager.default.removeItem(atPath: path + ".1")
        handle = try Self.create(path)
        write(headerLine())
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw RecordFileError(path: path, reason: "cannot create the file")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw RecordFileError(path: path, reason: "cannot open it for writing") }
        return handle
    }

    private func headerLine() -> String {
        var line = header
        if part > 1 { line["part"] = .number(Double(part)) }
        return JSONValue.object(line).text + "\n"
    }

    /// Appends whole lines (each ending in a newline), starting a new part before a line that would
    /// take this one over half the bound.
    mutating func append(_ lines: [String], at seconds: Double, redaction: Redaction) {
        var chunk = ""
        var chunkBytes = 0, chunkLines = 0
        for line in lines {
            let bytes = line.utf8.count
            if written + chunkBytes + bytes > maxBytes / 2, linesInPart + chunkLines > 0 {
                write(chunk)
                linesInPart += chunkLines
                chunk = ""
                chunkBytes = 0
                chunkLines = 0
                rotate(at: seconds, redaction: redaction)
            }
            chunk += line
            chunkBytes += bytes
            chunkLines += 1
        }
        write(chunk)
        linesInPart += chunkLines
    }

    private mutating func rotate(at seconds: Double, redaction: Redaction) {
        try? handle.close()
        let previous = path + ".1"
        let fileManager = FileManager.default
        let lost = fileManager.fileExists(atPath: previous) ? linesInPrevious : 0
        try? fileManager.removeItem(atPath: previous)
        try? fileManager.moveItem(atPath: path, toPath: previous)
        part += 1
        linesInPrevious = linesInPart
        linesInPart = 0
        written = 0
        do {
            handle = try Self.create(path)
        } catch {
            report("cannot start a new part: \(error)")
            return
        }
        write(headerLine())
        let what = lost > 0 ? "dropped the \(lost) oldest events" : "dropped no events yet"
        let note = RecordEvent.note("part \(part): the previous part is \(previous); \(what) to stay under \(maxBytes) bytes")
        write(note.line(at: seconds, redaction) + "\n")
        linesInPart = 1
    }

    private mutating func write(_ text: String) {
        let data = Data(text.utf8)
        do {
            try handle.write(contentsOf: data)
            written += data.count
        } catch {
            report("\(error)")
        }
    }

    private mutating func report(_ reason: String) {
        guard !failed else { return }
        failed = true
        FileHandle.standardError.write(Data("tello-agent: --record \(path): \(reason); later events are lost\n".utf8))
    }

    func close() { try? handle.close() }
}

/// The log file could not be created.
package struct RecordFileError: Error, Sendable, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "\(path): \(reason)" }
}
