import Foundation
import Testing

/// The modules every WebSocket message passes through link no Foundation,
/// neither themselves nor through a module they depend on: Foundation costs
/// megabytes of resident memory in every process that links it (see
/// docs/wire-sockets.md), and a server of many idle connections should pay
/// only for what it uses. Programs that need URLSession or file management
/// link it above these modules.
@Suite struct FoundationFreeTests {
    /// wire-echo too: the benchmark's server measures what Wire costs, nothing more.
    static let messagePath = ["CEpoll", "Clocks", "Logs", "Sockets", "HTTPCodec", "WebSocketCodec", "Wire", "wire-echo"]
    static let foundationModules: Set<String> = ["Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationInternationalization"]

    @Test func messagePathModulesImportNoFoundationEvenIndirectly() throws {
        let targets = Dictionary(uniqueKeysWithValues: try PackageManifest.targets().map { ($0.name, $0) })
        for module in Self.messagePath {
            var seen: Set<String> = []
            var pending = [module]
            while let name = pending.popLast() {
                guard seen.insert(name).inserted, let target = targets[name] else { continue }
                let found = try target.imports().intersection(Self.foundationModules)
                #expect(found.isEmpty, "\(module) links \(found.sorted()) through \(name)")
                pending += target.dependencies
            }
            #expect(seen.contains(module), "\(module) is in the manifest")
        }
    }
}
