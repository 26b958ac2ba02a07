/// Why a scenario file could not be used, said so its author can fix it
/// without reading the runner: which file, where in the JSON, what was
/// expected there and what was found instead.
public struct ScenarioFileError: Error, Equatable, CustomStringConvertible {
    /// The file, as given on the command line (empty for in-memory text).
    public var file: String
    /// A JSON path such as `$.steps[3].expect`, or `line 4, column 9` for syntax errors.
    public var location: String
    /// What the runner needs at that place.
    public var expected: String
    /// What it found instead (a short rendering of the value, or the parser's complaint).
    public var found: String

    public init(file: String = "", location: String, expected: String, found: String) {
        self.file = file
        self.location = location
        self.expected = expected
        self.found = found
    }

    /// `scenarios/x.json: $.steps[2].within: expected a duration like "250ms" or "5s", found "fast"`
    public var description: String {
        let prefix = file.isEmpty ? "" : "\(file): "
        return "\(prefix)\(location): expected \(expected), found \(found)"
    }

    /// The same error attributed to `file`.
    public func inFile(_ file: String) -> ScenarioFileError {
        var copy = self
        copy.file = file
        return copy
    }
}
