import Foundation
import JSONValue

/// One scenario: a bug report that runs. Scripted clients, a scripted 3002
/// backend, a scripted LLM and simulator faults, played in order against the
/// real agent, with the same transcript every run.
public struct ScenarioFile: Sendable {
    /// Where it was read from, as given (reports and errors name it).
    public var path: String
    /// Short unique name; `--filter` matches it, reports list it.
    public var name: String
    /// What the scenario reproduces or proves, for the reader of a failure.
    public var description: String
    /// Seeds every random choice (packet loss, noise) so runs repeat exactly.
    public var seed: UInt64
    public var time: TimeMode
    public var setup: ScenarioSetup
    public var steps: [ScenarioStep]

    public init(
        path: String = "", name: String, description: String = "", seed: UInt64 = 1, time: TimeMode = .virtual,
        setup: ScenarioSetup = ScenarioSetup(), steps: [ScenarioStep]
    ) {
        self.path = path
        self.name = name
        self.description = description
        self.seed = seed
        self.time = time
        self.setup = setup
        self.steps = steps
    }
}

/// How time passes while a scenario runs.
public enum TimeMode: String, Sendable, CaseIterable {
    /// Time moves only when a step advances it or everything is idle: a
    /// 10-minute flight replays in a fraction of a second, identically each run.
    case virtual
    /// Wall-clock time, for reproducing something that depends on real timing.
    case real
}

extension ScenarioFile {
    static let members: Set<String> = ["name", "description", "seed", "time", "setup", "steps"]

    /// Reads a scenario from the document `root`, checking every member;
    /// throws the first error (`problems(in:path:)` lists them all).
    public init(reading root: JSONReader, path: String = "") throws {
        let (file, errors) = Self.decode(root, path: path)
        if let first = errors.first { throw first }
        self = file!
    }

    /// Parses the JSON text of a scenario file; syntax errors name the line and column.
    public init(data: Data, path: String = "") throws {
        try self.init(reading: JSONReader(try Self.parse(data, path: path)), path: path)
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws {
        try self.init(data: try Self.contents(of: path), path: path)
    }

    /// Every error in a scenario file's text, in document order, at most
    /// `maxErrorsPerFile` of them and then one saying how many more there
    /// are. Empty if the file is a valid scenario.
    public static func problems(in data: Data, path: String = "") -> [ScenarioFileError] {
        let root: JSONValue
        do {
            root = try parse(data, path: path)
        } catch let error as ScenarioFileError {
            return [error]
        } catch {
            return [ScenarioFileError(file: path, location: "the document", expected: "valid JSON", found: "\(error)")]
        }
        let errors = decode(JSONReader(root), path: path).errors
        guard errors.count > maxErrorsPerFile else { return errors }
        return Array(errors.prefix(maxErrorsPerFile)) + [
            ScenarioFileError(
                file: path, location: "$", expected: "at most \(maxErrorsPerFile) errors reported per file",
                found: "\(errors.count - maxErrorsPerFile) more")
        ]
    }

    /// `problems(in:path:)` for the file at `path`.
    public static func problems(contentsOf path: String) -> [ScenarioFileError] {
        do {
            return problems(in: try contents(of: path), path: path)
        } catch let error as ScenarioFileError {
            return [error]
        } catch {
            return []
        }
    }

    /// Errors reported for one file before the rest are only counted: enough
    /// to fix a file in one go, few enough not to bury the other files.
    public static let maxErrorsPerFile = 20

    static func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFileError(file: path, location: "file", expected: "a readable file", found: "nothing to read")
        }
        return data
    }

    /// The JSON document, or an error saying where and why the text is not one.
    static func parse(_ data: Data, path: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw JSONSyntax.problem(in: data).inFile(path)
        }
    }
}
