import Foundation
import Testing
@testable import TelloSim

@Suite("World files")
struct WorldFileTests {
    static let room = #""room": {"minX": -500, "maxX": 500, "minY": -500, "maxY": 500, "height": 300}"#

    static func parse(_ text: String) throws(WorldFileError) -> World {
        try World(json: Data(text.utf8), file: "hall.json")
    }

    static func refusal(_ text: String) -> WorldFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func theStandardWorldReadsBackFromItsOwnJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(World.standard)
        #expect(try World(json: json, file: "standard") == World.standard)
    }

    @Test func aFullWorldIsRead() throws {
        let world = try Self.parse("""
            {"$schema": "../docs/world.schema.json", "description": "test room", \(Self.room),
             "start": {"x": 100, "y": -50, "yaw": 90},
             "walls": [{"name": "divider", "min": {"x": 200, "y": -500, "z": 0}, "max": {"x": 210, "y": 0, "z": 300}, "colour": "#808080"}],
             "obstacles": [{"name": "crate", "min": {"x": -100, "y": -100, "z": 0}, "max": {"x": 0, "y": 0, "z": 80}, "colour": "#FF0000"}],
             "pads": [{"id": 3, "x": -200, "y": 100, "yaw": 45}, {"id": 8, "x": 0, "y": 300}],
             "markers": [{"name": "goal", "wall": "maxX", "along": 0, "height": 150, "size": 40, "colour": "#00ff00", "pattern": "checker"}]}
            """)
        #expect(world.start == StartPose(x: 100, y: -50, yaw: 90))
        #expect(world.walls.map(\.name) == ["divider"] && world.obstacles[0].max == Point(0, 0, 80))
        #expect(world.obstacles[0].colour == Colour(red: 255, green: 0, blue: 0))
        #expect(world.pads == [MissionPad(id: 3, x: -200, y: 100, yaw: 45), MissionPad(id: 8, x: 0, y: 300, yaw: 0)])
        #expect(world.markers[0].pattern == .checker && world.markers[0].wall == .maxX)
    }

    @Test(arguments: [
        // Unknown keys anywhere are refused, named with their path.
        (##"{\##(room), "obstacle": []}"##, "$", "the unknown key \"obstacle\""),
        (##"{\##(room), "obstacles": [{"name": "a", "min": {"x": 0, "y": 0, "z": 0}, "max": {"x": 1, "y": 1, "z": 1}, "colour": "#000000", "color": "#fff"}]}"##,
         "$.obstacles[0]", "the unknown key \"color\""),
        (##"{"room": {"minX": 0, "maxX": 500, "minY": 0, "maxY": 500, "height": 300, "depth": 3}}"##, "$.room", "the unknown key \"depth\""),
        // Wrong types and values.
        (##"{\##(room), "obstacles": [{"name": "a", "min": {"x": 0, "y": 0, "z": 0}, "max": {"x": 1, "y": 1, "z": 1}, "colour": "red"}]}"##,
         "$.obstacles[0].colour", "the string \"red\""),
        (##"{\##(room), "pads": [{"id": 9, "x": 0, "y": 0}]}"##, "$.pads[0].id", "the number 9"),
        (##"{\##(room), "pads": [{"id": 1, "x": 0, "y": 0}, {"id": 1, "x": 100, "y": 0}]}"##, "$.pads[1].id", "a second pad 1"),
        (##"{\##(room), "pads": [{"id": 1, "x": 900, "y": 0}]}"##, "$.pads[0].x", "the number 900"),
        (##"{\##(room), "obstacles": [{"name": "a", "min": {"x": 0, "y": 0, "z": 0}, "max": {"x": -10, "y": 1, "z": 1}, "colour": "#000000"}]}"##,
         "$.obstacles[0].max.x", "the number -10"),
        (##"{\##(room), "start": {"x": "middle", "y": 0}}"##, "$.start.x", "the string \"middle\""),
        (##"{\##(room), "markers": [{"name": "m", "wall": "north", "along": 0, "height": 100, "size": 20, "colour": "#000000"}]}"##,
         "$.markers[0].wall", "the string \"north\""),
        (##"{\##(room), "walls": {"name": "w"}}"##, "$.walls", "an object with keys \"name\""),
        // Bounds computed from an earlier value that pass the limit: refused, not trapped on.
        (##"{"room": {"minX": 99990, "maxX": 100000, "minY": 0, "maxY": 500, "height": 300}}"##, "$.room.maxX", "the number 100000"),
        (##"{\##(room), "obstacles": [{"name": "a", "min": {"x": 100000, "y": 0, "z": 0}, "max": {"x": 100000, "y": 1, "z": 1}, "colour": "#000000"}]}"##,
         "$.obstacles[0].max.x", "the number 100000"),
        // Missing and malformed documents.
        (##"{"start": {"x": 0, "y": 0}}"##, "$.room", "nothing (the key is missing)"),
        (##"[1, 2]"##, "$", "an array of 2"),
        (##"{"room": "##, "$", "text that is not JSON"),
    ])
    func errorsNameTheFilePathExpectedAndFound(text: String, path: String, found: String) throws {
        let error = try #require(Self.refusal(text))
        #expect(error.file == "hall.json")
        #expect(error.path == path)
        #expect(error.found == found)
        #expect(!error.expected.isEmpty)
        #expect(error.description.hasPrefix("hall.json: at \(path): expected "))
    }

    @Test func coloursAreSixHexDigits() {
        #expect(Colour(hex: "#1f4FD8") == Colour(red: 0x1f, green: 0x4f, blue: 0xd8))
        #expect(Colour(hex: "#1f4fd8")?.hex == "#1f4fd8")
        for bad in ["1f4fd8", "#1f4fd", "#1f4fd8a", "#+fffff", "#-00001", "#gggggg", "# fffff", ""] {
            #expect(Colour(hex: bad) == nil, "\(bad)")
        }
    }

    @Test func aMissingFileIsNamed() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-world-\(UUID().uuidString).json").path
        #expect(throws: WorldFileError.self) { try World(file: path) }
        do { _ = try World(file: path) } catch { #expect(error.file == path && error.path == "$") }
    }

    @Test func aFileOnDiskIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString).json")
        try Data("{\(Self.room)}".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try World(file: url.path).room == Room(minX: -500, maxX: 500, minY: -500, maxY: 500, height: 300))
    }

    @Test func theSchemaDocumentsEveryKeyTheReaderAccepts() throws {
        // docs/world.schema.json must describe the same keys the reader takes.
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/world.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any]
        let keys = Set((schema?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        let closed = schema?["additionalProperties"] as? Bool
        #expect(keys == ["$schema", "description", "room", "start", "walls", "obstacles", "pads", "markers"])
        #expect(closed == false)
    }
}
