import Foundation

/// A built executable of this package, running, with its output in files (a
/// pipe nobody reads can block the child): for tests that talk to it while
/// it runs and signal it, as a user or a service manager would.
///
/// `@unchecked Sendable`: `process` is a Foundation object whose methods used
/// here (`processIdentifier`, `isRunning`, `terminationStatus`, `terminate`)
/// are safe from any thread; the rest is immutable.
public final class RunningExecutable: @unchecked Sendable {
    public struct StillRunning: Error, CustomStringConvertible {
        public let what: String
        public var description: String { "timed out waiting for \(what)" }
    }

    private let process = Process()
    private let directory: URL
    private let outURL: URL
    private let errURL: URL

    /// Starts `name` from the test bundle's directory.
    public init(_ name: String, _ arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("running-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        (outURL, errURL) = (directory.appendingPathComponent("out"), directory.appendingPathComponent("err"))
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent(name)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var standardOutput: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Waits (bounded) until standard output satisfies `done`, and returns it.
    public func waitForOutput(within seconds: Double = 20, _ done: (String) -> Bool) async throws -> String {
        try await poll(within: seconds, "output") { let text = standardOutput; return done(text) ? text : nil }
    }

    /// Waits (bounded) until standard error satisfies `done`, and returns it.
    public func waitForError(within seconds: Double = 20, _ done: (String) -> Bool) async throws -> String {
        try await poll(within: seconds, "log line") { let text = standardError; return done(text) ? text : nil }
    }

    /// Waits (bounded) for the exit and returns its status.
    public func waitForExit(within seconds: Double = 30) async throws -> Int32 {
        try await poll(within: seconds, "exit") { process.isRunning ? nil : process.terminationStatus }
    }

    /// Terminates it if still running, waits for it, removes its files.
    public func stop() async {
        if process.isRunning { process.terminate() }
        _ = try? await waitForExit(within: 10)
        try? FileManager.default.removeItem(at: directory)
    }

    private func poll<T>(within seconds: Double, _ what: String, _ check: () -> T?) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            if let value = check() { return value }
            guard ContinuousClock.now < deadline else { throw StillRunning(what: what) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
