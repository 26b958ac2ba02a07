import Foundation
import Testing

/// Every task in production code is a child of its owner (a task group, a
/// service of a `ServiceGroup`, `async let`, a scoped `with…` helper), so
/// nothing a program starts outlives it. An unstructured task (`Task { }`,
/// `Task.detached`) is allowed only in the files listed here, each with the
/// reason it cannot be a child; the list may only shrink.
@Suite struct UnstructuredTaskTests {
    static let allowed: [String: String] = [
        "Clocks/HardDeadline.swift":
            "the hard deadline's loser may ignore cancellation; a child would hold its parent until it ends",
        "Scenario/Runner/StallWatch.swift":
            "a stalled scenario run cannot be awaited: the watch abandons it and the library goes on",
        "Wire/WebSocketConnection+IO.swift":
            "a client connection outlives the `connect` that opened it: its caller has no group to put it in",
        "Wire/HTTPServer.swift":
            "the server serves from `init` until `shutdown()`, which cancels and awaits this one task; every connection is its child",
    ]

    /// `Task {`, `Task(…)` and `Task.detached` outside comments; `addTask`,
    /// `Task.sleep` and `Task<…>` are not matched.
    /// Plain string work first (the regex only on lines that name `Task`): this
    /// runs over every file of the package, on a thread of the test pool.
    static func sites(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard line.contains("Task") else { return nil }
            let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return code.contains(/\bTask(\.detached)?\s*[({]/) ? line.trimmingCharacters(in: .whitespaces) : nil
        }
    }

    /// Read once for every test here.
    static let sources = Result { try sourceFiles() }

    static func sourceFiles() throws -> [(path: String, text: String)] {
        let sources = PackageManifest.repository.appendingPathComponent("Sources")
        guard let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        return try walk.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map { url in
            (String(url.path.dropFirst(sources.path.count + 1)), try String(contentsOf: url, encoding: .utf8))
        }
    }

    @Test func productionCodeStartsNoUnstructuredTaskOutsideTheDocumentedFiles() throws {
        let files = try Self.sources.get()
        #expect(files.count > 100, "the scan found the sources")
        for (path, text) in files where Self.allowed[path] == nil {
            let found = Self.sites(in: text)
            #expect(found.isEmpty, "\(path) starts an unstructured task (make it a child of its owner): \(found)")
        }
    }

    @Test func everyAllowedFileStillNeedsItsEntry() throws {
        let files = Dictionary(try Self.sources.get().map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        for path in Self.allowed.keys.sorted() {
            let text = try #require(files[path], "\(path) is allowed but does not exist")
            #expect(!Self.sites(in: text).isEmpty, "\(path) no longer starts an unstructured task: remove it from the list")
        }
    }

    @Test func theScanSeesEveryFormAndNothingElse() {
        #expect(Self.sites(in: "let t = Task { await x() }").count == 1)
        #expect(Self.sites(in: "Task.detached { [a] in }").count == 1)
        #expect(Self.sites(in: "let t = Task(priority: .high) { }").count == 1)
        #expect(Self.sites(in: "group.addTask { }\ntry await Task.sleep(for: .seconds(1))\nvar t: Task<Void, Never>?").isEmpty)
        #expect(Self.sites(in: "// Task { } in a comment").isEmpty)
    }
}
