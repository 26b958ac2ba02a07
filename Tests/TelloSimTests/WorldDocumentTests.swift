import Clocks
import Foundation
import Testing
@testable import TelloSim

/// The world file shown in docs/world.md, and what the reader does with damaged copies of it.
@Suite("World file in the docs")
struct WorldDocumentTests {
    /// The first ```json block of docs/world.md.
    static func documentedWorld() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/world.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test func theDocumentedExampleIsAValidWorld() throws {
        let world = try World(json: Data(try Self.documentedWorld().utf8), file: "docs/world.md")
        #expect(world.obstacles.map(\.name) == ["crate"] && world.pads.map(\.id) == [1, 2] && world.markers.count == 1)
    }

    /// Damaged copies (bytes changed, cut short, digits swapped) are read or refused with a
    /// `WorldFileError`; none traps (an inverted range or a bad conversion would end the process).
    @Test func damagedWorldFilesAreRefusedNeverTrappedOn() throws {
        let original = Array(try Self.documentedWorld().utf8)
        let replacements = Array("0123456789-.e\"{}[],: xyz#".utf8) + [0xFF, 0x00]
        var random = SeededRandom(seed: 12)
        var refused = 0
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = replacements.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(replacements.randomElement(using: &random)!, at: index)
                }
            }
            do {
                _ = try World(json: Data(bytes), file: "damaged.json")
            } catch {
                #expect(error.file == "damaged.json" && error.path.hasPrefix("$"))
                refused += 1
            }
        }
        #expect(refused > 1000)
    }
}
