import Foundation
import JSONValue

extension World {
    /// Largest room side and height accepted, cm: a sports hall, and far inside what the model's arithmetic holds.
    static let maximumExtent = 100_000.0
    /// Longest world file read, bytes: a world is a few kilobytes; anything this big is a wrong file.
    static let maximumFileSize = 4 << 20

    /// Reads and checks a world file; every error names the file, the JSON path, what was expected and what was found.
    public init(file path: String) throws(WorldFileError) {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > Self.maximumFileSize {
                throw WorldFileError(file: path, path: "$", expected: "a world file of at most \(Self.maximumFileSize) bytes",
                                     found: "\(size) bytes")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as WorldFileError {
            throw error
        } catch {
            throw WorldFileError(file: path, path: "$", expected: "a readable file", found: "\(error.localizedDescription)")
        }
        try self.init(json: data, file: path)
    }

    /// Parses world JSON; `file` names its origin in errors.
    public init(json data: Data, file: String) throws(WorldFileError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw WorldFileError(file: file, path: "$", expected: "a JSON document", found: "text that is not JSON")
        }
        var top = try WorldReader(value, file: file, path: "$", what: "an object describing the world")
        _ = try top.string("$schema", "a string (the schema's address)", default: "")
        _ = try top.string("description", "a string", default: "")
        let room = try Self.room(try top.required("room", "an object with minX, maxX, minY, maxY, height"), file: file)
        let limits = -Self.maximumExtent...Self.maximumExtent
        var start = StartPose()
        if let value = top.value("start") {
            var reader = try WorldReader(value, file: file, path: "$.start", what: "an object with x, y, yaw")
            start.x = try reader.number("x", in: WorldReader.span(room.minX + Self.droneRadius, room.maxX - Self.droneRadius))
            start.y = try reader.number("y", in: WorldReader.span(room.minY + Self.droneRadius, room.maxY - Self.droneRadius))
            start.yaw = try reader.number("yaw", in: -360...360, default: 0)
            try reader.finish()
        }
        let walls = try top.array("walls", of: "boxes").map { item throws(WorldFileError) in try Self.box(item.0, at: item.1, file: file, limits: limits) }
        let obstacles = try top.array("obstacles", of: "boxes").map { item throws(WorldFileError) in try Self.box(item.0, at: item.1, file: file, limits: limits) }
        var pads: [MissionPad] = []
        for (item, path) in try top.array("pads", of: "mission pads") {
            var reader = try WorldReader(item, file: file, path: path, what: "an object with id, x, y, yaw")
            let id = try reader.number("id", in: 1...8)
            guard id.rounded() == id else { throw reader.error("id", expected: "a whole number from 1 to 8", found: "the number \(id)") }
            guard !pads.contains(where: { $0.id == Int(id) }) else {
                throw reader.error("id", expected: "an id no other pad has", found: "a second pad \(Int(id))")
            }
            let x = try reader.number("x", in: room.minX...room.maxX)
            let y = try reader.number("y", in: room.minY...room.maxY)
            let yaw = try reader.number("yaw", in: -360...360, default: 0)
            try reader.finish()
            pads.append(MissionPad(id: Int(id), x: x, y: y, yaw: yaw))
        }
        var markers: [WallMarker] = []
        for (item, path) in try top.array("markers", of: "wall markers") {
            markers.append(try Self.marker(item, at: path, file: file, room: room))
        }
        try top.finish()
        self.init(room: room, start: start, walls: walls, obstacles: obstacles, pads: pads, markers: markers)
    }

    private static func room(_ value: JSONValue, file: String) throws(WorldFileError) -> Room {
        var reader = try WorldReader(value, file: file, path: "$.room", what: "an object with minX, maxX, minY, maxY, height")
        let limits = -maximumExtent...maximumExtent
        let minX = try reader.number("minX", in: limits)
        let maxX = try reader.number("maxX", in: WorldReader.span(minX + 4 * droneRadius, maximumExtent))
        let minY = try reader.number("minY", in: limits)
        let maxY = try reader.number("maxY", in: WorldReader.span(minY + 4 * droneRadius, maximumExtent))
        let height = try reader.number("height", in: 100...maximumExtent)
        try reader.finish()
        return Room(minX: minX, maxX: maxX, minY: minY, maxY: maxY, height: height)
    }

    private static func box(_ value: JSONValue, at path: String, file: String, limits: ClosedRange<Double>) throws(WorldFileError) -> Box {
        var reader = try WorldReader(value, file: file, path: path, what: "an object with name, min, max, colour")
        let name = try reader.string("name", "a string naming the box")
        var corners: [Point] = []
        for key in ["min", "max"] {
            var corner = try WorldReader(try reader.required(key, "an object with x, y, z"), file: file, path: "\(path).\(key)",
                                         what: "an object with x, y, z")
            let low = corners.first
            let x = try corner.number("x", in: WorldReader.span(low.map { $0.x + 1 } ?? limits.lowerBound, limits.upperBound))
            let y = try corner.number("y", in: WorldReader.span(low.map { $0.y + 1 } ?? limits.lowerBound, limits.upperBound))
            let z = try corner.number("z", in: WorldReader.span(low.map { $0.z + 1 } ?? 0, limits.upperBound))
            try corner.finish()
            corners.append(Point(x, y, z))
        }
        let colour = try reader.colour("colour")
        try reader.finish()
        return Box(name: name, min: corners[0], max: corners[1], colour: colour)
    }

    private static func marker(_ value: JSONValue, at path: String, file: String, room: Room) throws(WorldFileError) -> WallMarker {
        var reader = try WorldReader(value, file: file, path: path, what: "an object with name, wall, along, height, size, colour")
        let name = try reader.string("name", "a string naming the marker")
        let wallNames = WallMarker.Wall.allCases.map(\.rawValue)
        let wallText = try reader.string("wall", "one of \(wallNames.joined(separator: ", "))")
        guard let wall = WallMarker.Wall(rawValue: wallText) else {
            throw reader.error("wall", expected: "one of \(wallNames.joined(separator: ", "))", found: WorldReader.describe(.string(wallText)))
        }
        let span = wall == .minX || wall == .maxX ? room.minY...room.maxY : room.minX...room.maxX
        let along = try reader.number("along", in: span)
        let height = try reader.number("height", in: 0...room.height)
        let size = try reader.number("size", in: 1...maximumExtent)
        let colour = try reader.colour("colour")
        let patterns = WallMarker.Pattern.allCases.map(\.rawValue)
        let patternText = try reader.string("pattern", "one of \(patterns.joined(separator: ", "))", default: "solid")
        guard let pattern = WallMarker.Pattern(rawValue: patternText) else {
            throw reader.error("pattern", expected: "one of \(patterns.joined(separator: ", "))", found: WorldReader.describe(.string(patternText)))
        }
        try reader.finish()
        return WallMarker(name: name, wall: wall, along: along, height: height, size: size, colour: colour, pattern: pattern)
    }
}
