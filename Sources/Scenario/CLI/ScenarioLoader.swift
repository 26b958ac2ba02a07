import Foundation

/// Turns command-line paths into scenarios: folders expand to their `.json`
/// files in name order, every file is read, and all errors are collected so
/// one run reports every broken file at once.
public enum ScenarioLoader {
    /// The scenario files named by `paths`, in the order given (a folder's files sorted by name).
    public static func files(in paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ScenarioFileError(file: path, location: "path", expected: "a scenario file or folder", found: "nothing there")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
            files += names.map { (path as NSString).appendingPathComponent($0) }
        }
        return files
    }

    /// Reads every file; returns the scenarios, or throws all the errors found.
    public static func load(_ paths: [String], filter: String? = nil) throws -> [ScenarioFile] {
        var scenarios: [ScenarioFile] = []
        var errors: [ScenarioFileError] = []
        let files = try files(in: paths)
        guard !files.isEmpty else { throw NoScenarioFound(paths: paths) }
        for file in files {
            let problems = ScenarioFile.problems(contentsOf: file)
            if problems.isEmpty, let scenario = try? ScenarioFile(contentsOf: file) {
                scenarios.append(scenario)
            }
            errors += problems
        }
        var seen: [String: String] = [:]
        for scenario in scenarios {
            if let first = seen[scenario.name] {
                errors.append(ScenarioFileError(file: scenario.path, location: "$.name", expected: "a name no other scenario has", found: "\"\(scenario.name)\", also the name in \(first)"))
            }
            seen[scenario.name] = seen[scenario.name] ?? scenario.path
        }
        guard errors.isEmpty else { throw ScenarioLoadErrors(errors: errors) }
        return scenarios.filter { filter == nil || $0.name.contains(filter!) }
    }
}

/// Every error found while loading, one per line.
public struct ScenarioLoadErrors: Error, CustomStringConvertible {
    public var errors: [ScenarioFileError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// The paths hold no scenario file at all: nothing to check or run is an
/// error, never a silent success.
public struct NoScenarioFound: Error, CustomStringConvertible {
    public var paths: [String]
    public var description: String { "tello-scenario: no scenario file (*.json) found in " + paths.joined(separator: ", ") }
}
