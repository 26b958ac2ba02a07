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

    /// Reads a scenario from the document `root`, checking every member.
    public init(reading root: JSONReader, path: String = "") throws {
        do {
            try root.onlyKeys(Self.members)
            let name = try root.required("name").name()
            let description = try root.optional("description")?.string() ?? ""
            let seed = try root.optional("seed")?.int(in: 0...Int.max) ?? 1
            let time = try root.optional("time").map { TimeMode(rawValue: try $0.choice(TimeMode.allCases.map(\.rawValue)))! }
            let setup = try root.optional("setup").map(ScenarioSetup.init(reading:)) ?? ScenarioSetup()
            let stepReaders = try root.required("steps").array()
            let steps = try stepReaders.enumerated().map { index, reader in try ScenarioStep(reading: reader, index: index) }
            self.init(
                path: path, name: name, description: description, seed: UInt64(seed), time: time ?? .virtual,
                setup: setup, steps: steps)
        } catch let error as ScenarioFileError {
            throw error.inFile(path)
        }
    }

    /// Parses the JSON text of a scenario file; syntax errors name the line and column.
    public init(data: Data, path: String = "") throws {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch {
            throw ScenarioFileError(
                file: path, location: Self.syntaxErrorLocation(in: data), expected: "valid JSON",
                found: "a syntax error")
        }
        try self.init(reading: JSONReader(root), path: path)
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioFileError(file: path, location: "file", expected: "a readable file", found: "nothing to read")
        }
        try self.init(data: data, path: path)
    }

    /// `line L, column C` of a JSON syntax error, from the byte offset that
    /// Foundation's parser reports ("around character N"); "the document" if it names none.
    static func syntaxErrorLocation(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if let range = detail.range(of: #"character \d+"#, options: .regularExpression),
                let offset = Int(detail[range].dropFirst("character ".count))
            {
                let before = data.prefix(offset)
                let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
                let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
                return "line \(line), column \(column)"
            }
        }
        return "the document"
    }
}
