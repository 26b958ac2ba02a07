import Dispatch
import Foundation

/// The outbox on disk (`--outbox PATH`), so a restart loses nothing.
///
/// The file is one JSON document `{"version":1,"entries":[…]}` replaced
/// atomically (write to a temporary file, then rename), so a crash leaves
/// either the old or the new list, never half of one. Writes run on a
/// serial dispatch queue, off the caller's path and off the cooperative
/// pool; bursts coalesce into one write of the latest snapshot.
///
/// `@unchecked Sendable`: `pending` and `scheduled` are only touched under
/// `lock`; the file is only written on `queue`.
package final class OutboxFile: @unchecked Sendable {
    package let path: String
    private let queue = DispatchQueue(label: "bridge3002.outbox-file")
    private let lock = NSLock()
    private var pending: [AnalysisEnvelope]?
    private var scheduled = false
    private let onError: @Sendable (String) -> Void

    struct Document: Codable {
        var version: Int
        var entries: [AnalysisEnvelope]
    }

    private struct Version: Decodable {
        var version: Int
    }

    package init(path: String, onError: @escaping @Sendable (String) -> Void = { _ in }) {
        self.path = path
        self.onError = onError
    }

    /// The entries saved by the last run; empty when there is no file yet
    /// (or an empty one, as `touch` leaves it). Throws `Unreadable`, naming
    /// the file and what is wrong, if it exists but cannot be read as an
    /// outbox, rather than silently starting empty and overwriting it.
    package func load() throws(Unreadable) -> [AnalysisEnvelope] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Unreadable(path: path, problem: "cannot read it: \((error as NSError).localizedDescription)")
        }
        if data.isEmpty { return [] }
        // The version first: a newer format's entries need not decode as ours.
        if let found = try? JSONDecoder().decode(Version.self, from: data), found.version != 1 {
            throw Unreadable(path: path, problem: "it is outbox format version \(found.version), and this agent reads version 1")
        }
        do {
            return try JSONDecoder().decode(Document.self, from: data).entries
        } catch {
            throw Self.diagnose(error, in: data, path: path)
        }
    }

    /// Schedules a write of `entries`; returns at once.
    package func save(_ entries: [AnalysisEnvelope]) {
        let schedule: Bool = lock.withLock {
            pending = entries
            defer { scheduled = true }
            return !scheduled
        }
        guard schedule else { return }
        queue.async { @Sendable [self] in writePending() }
    }

    /// Returns once every snapshot saved so far is on disk.
    package func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { @Sendable in continuation.resume() }
        }
    }

    /// Writes `entries` now, on the caller's thread; throws what went wrong.
    /// Used once at start-up, alongside `load()` (one small file, before any
    /// client is served), so an unwritable `--outbox` path fails loudly there
    /// instead of in a log line per analysis later.
    package func write(_ entries: [AnalysisEnvelope]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Document(version: 1, entries: entries))
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private func writePending() {
        let snapshot: [AnalysisEnvelope]? = lock.withLock {
            defer { pending = nil; scheduled = false }
            return pending
        }
        guard let snapshot else { return }
        do {
            try write(snapshot)
        } catch {
            onError("\(error)")
        }
    }
}
