import Foundation

/// The targets of this repository's Package.swift, read as text: name, kind,
/// listed dependencies (by name) and folder. Enough for layout checks; the
/// manifest writes every target on the `.target(name: ...)` pattern.
struct PackageManifest {
    struct Target {
        let name: String
        let isTest: Bool
        let dependencies: [String]
        let folder: URL

        /// Swift files of the target, recursively.
        func sourceFiles() throws -> [URL] {
            guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
            return walk.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        }

        /// Modules named on `import` lines (plain or `@testable`) of its files.
        func imports() throws -> Set<String> {
            var modules: Set<String> = []
            for file in try sourceFiles() {
                for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                    // Plain string work, no Regex: this runs over every file of the package.
                    var words = line.split(separator: " ")
                    if words.first == "@testable" { words.removeFirst() }
                    if words.count == 2, words[0] == "import" { modules.insert(String(words[1])) }
                }
            }
            return modules
        }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func targets() throws -> [Target] {
        let manifest = try String(contentsOf: repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = /\.(target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"/
        let matches = manifest.matches(of: start)
        return matches.enumerated().map { index, match in
            let end = index + 1 < matches.count ? matches[index + 1].range.lowerBound : manifest.endIndex
            let declaration = manifest[match.range.upperBound..<end]
            let listed = declaration.firstMatch(of: /dependencies:\s*\[([^\]]*)\]/)
                .map { $0.1.matches(of: /"([^"]+)"/).map { String($0.1) } } ?? []
            let kind = String(match.1)
            let name = String(match.2)
            let path = declaration.firstMatch(of: /path:\s*"([^"]+)"/).map { String($0.1) }
                ?? (kind == "testTarget" ? "Tests/" : "Sources/") + name
            return Target(name: name, isTest: kind == "testTarget", dependencies: listed,
                          folder: repository.appendingPathComponent(path))
        }
    }
}
