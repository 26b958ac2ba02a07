/// Why a world file was refused: which file, where in it (a JSON path such as
/// `$.obstacles[2].colour`), what belongs there and what was there instead.
public struct WorldFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let path: String
    public let expected: String
    public let found: String

    public init(file: String, path: String, expected: String, found: String) {
        self.file = file
        self.path = path
        self.expected = expected
        self.found = found
    }

    public var description: String { "\(file): at \(path): expected \(expected), found \(found)" }
}
