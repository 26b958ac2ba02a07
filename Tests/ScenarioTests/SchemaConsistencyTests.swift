import Foundation
import JSONValue
import Testing

@testable import Scenario

/// docs/scenario.schema.json is written by hand for editors and outside
/// tools; these tests keep it saying what the decoder accepts.
@Suite("Scenario schema stays in step with the decoder")
struct SchemaConsistencyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func schema() throws -> JSONValue {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("docs/scenario.schema.json"))
        return try JSONValue(parsing: data)
    }

    @Test func stepVerbsAreTheDecodersVerbs() throws {
        let steps = try #require(try schema()["$defs"]?["step"]?["oneOf"]?.arrayValue)
        let verbs = steps.compactMap { $0["required"]?.arrayValue?.first?.stringValue }
        #expect(verbs == ScenarioStep.verbs)
    }

    @Test func faultKindsAreTheDecodersKinds() throws {
        let faults = try #require(try schema()["$defs"]?["fault"]?["oneOf"]?.arrayValue)
        let kinds = faults.compactMap { $0["properties"]?["kind"]?["const"]?.stringValue }
        #expect(kinds == SimulatorFault.kinds)
    }

    @Test func topLevelMembersAreTheDecodersMembers() throws {
        let members = try #require(try schema()["properties"]?.objectValue?.keys)
        #expect(Set(members) == ScenarioFile.members)
    }

    @Test func everyLibraryScenarioDecodes() throws {
        let scenarios = try ScenarioLoader.load([Self.repository.appendingPathComponent("scenarios").path])
        #expect(scenarios.count >= 20)
    }
}
