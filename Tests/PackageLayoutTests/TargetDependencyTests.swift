import Foundation
import Testing

/// Package.swift says what each target depends on; these tests hold it to
/// what the sources import, so a dependency nobody uses does not linger (it
/// costs build order and hides the real module graph), and a module used
/// only through another's dependency is listed where it is used.
@Suite struct TargetDependencyTests {
    @Test func everyListedDependencyIsImported() throws {
        let targets = try PackageManifest.targets()
        #expect(targets.count > 30, "the manifest was read")
        for target in targets {
            let imports = try target.imports()
            let stale = target.dependencies.filter { !imports.contains($0) }
            #expect(stale.isEmpty, "\(target.name) lists \(stale) but never imports them")
        }
    }

    @Test func everyImportedPackageModuleIsListed() throws {
        let targets = try PackageManifest.targets()
        let names = Set(targets.map(\.name))
        for target in targets {
            let unlisted = try target.imports().filter { names.contains($0) && $0 != target.name && !target.dependencies.contains($0) }
            #expect(unlisted.isEmpty, "\(target.name) imports \(unlisted.sorted()) without listing them")
        }
    }

    /// Stand-ins are for tests, scenarios and the mock servers: a production
    /// module that declares one ships it in every build of the agent.
    @Test func noProductionModuleDeclaresAMock() throws {
        let production = try PackageManifest.targets().filter { !$0.isTest && !$0.name.lowercased().hasSuffix("mocks") }
        for target in production {
            for file in try target.sourceFiles() {
                let declared = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { line in
                    let words = line.split(separator: " ").drop { ["public", "final", "package"].contains($0) }
                    return ["class", "struct", "actor", "enum"].contains(words.first ?? "") ? words.dropFirst().first : nil
                }
                let mocks = declared.filter { $0.contains("Mock") || $0.hasPrefix("ScriptedPoster") }
                #expect(mocks.isEmpty, "\(target.name) declares the stand-in \(mocks) in \(file.lastPathComponent)")
            }
        }
    }
}
