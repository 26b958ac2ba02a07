import Foundation

/// A built executable run to its end with its output in files (a pipe nobody
/// reads can block the child): how a user sees a refused command line.
public struct ExitedProcess: Sendable {
    public let status: Int32
    /// `.exit` for an orderly exit; `.uncaughtSignal` for a crash (SIGILL on a trap).
    public let reason: Process.TerminationReason
    public let standardOutput: String
    public let standardError: String

    public struct StillRunning: Error, CustomStringConvertible {
        public let arguments: [String]
        public var description: String { "still running after the deadline: \(arguments)" }
    }

    /// Runs `name` from the test bundle's directory; a child still running after
    /// `seconds` is terminated and reported as `StillRunning`. `environment` is added to this process's.
    public static func run(_ name: String, _ arguments: [String], within seconds: Double = 20,
                           environment: [String: String] = [:]) async throws -> ExitedProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exited-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outURL, errURL) = (directory.appendingPathComponent("out"), directory.appendingPathComponent("err"))
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent(name)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                process.waitUntilExit()
                throw StillRunning(arguments: arguments)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return ExitedProcess(status: process.terminationStatus, reason: process.terminationReason,
                             standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                             standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Refused as a usage error: an orderly exit 2 whose first line names `flag`.
    public func isUsageError(naming flag: String) -> Bool {
        reason == .exit && status == 2 && standardError.split(separator: "\n").first?.contains(flag) == true
    }
}
