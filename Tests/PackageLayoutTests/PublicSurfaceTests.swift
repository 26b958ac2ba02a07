import Foundation
import Testing

/// `public` is what the library products promise to other packages (the
/// Tello SDK values, the simulator and the modules its API speaks, the
/// scenario runner); the agent's own parts are shared inside this package
/// with `package` access, so nothing outside can come to rely on them.
@Suite struct PublicSurfaceTests {
    static let packageOnly: Set<String> = [
        "Agent", "AgentAssembly", "Planner", "PlannerMocks", "Bridge3002", "Bridge3002Mocks", "PostTransport",
        "PostTransportMocks", "DroneVocabulary", "Preflight", "Lifetimes", "CommandLineFlags", "FuzzSupport", "BoxGeometry", "TelloPerformance",
    ]

    @Test func modulesNoProductOffersDeclareNothingPublic() throws {
        let targets = try PackageManifest.targets().filter { Self.packageOnly.contains($0.name) }
        #expect(targets.count == Self.packageOnly.count, "every module named here is in the manifest")
        for target in targets {
            for file in try target.sourceFiles() {
                let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
                let exposed = lines.filter { line in
                    let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                    return code.split(whereSeparator: { $0 == " " || $0 == "(" }).contains("public")
                }
                #expect(exposed.isEmpty, "\(target.name)/\(file.lastPathComponent) declares public API: \(exposed.prefix(2))")
            }
        }
    }
}
