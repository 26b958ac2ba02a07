/// The room the simulated drone flies in: walls, boxes, mission pads and wall markers.
///
/// Coordinates are centimetres in the simulator's world frame, the frame ground
/// truth reports: x forward and y left of the default start, z up from the floor.
/// Read from a world file (`World(file:)`, docs/tello-sim.md "Worlds") or `World.standard`.
public struct World: Sendable, Equatable, Encodable {
    public var room: Room
    /// Where the drone stands at power-on; it sits on whatever is below (floor or a box top).
    public var start: StartPose
    /// Interior walls: boxes like obstacles, listed apart so a renderer can draw them as walls.
    public var walls: [Box]
    public var obstacles: [Box]
    public var pads: [MissionPad]
    public var markers: [WallMarker]

    public init(room: Room, start: StartPose = StartPose(), walls: [Box] = [], obstacles: [Box] = [],
                pads: [MissionPad] = [], markers: [WallMarker] = []) {
        self.room = room
        self.start = start
        self.walls = walls
        self.obstacles = obstacles
        self.pads = pads
        self.markers = markers
    }

    /// Every solid box, walls first.
    var solids: [Box] { walls + obstacles }
}

/// The room's floor plan and ceiling: its four walls are the planes x = minX, x = maxX, y = minY, y = maxY.
public struct Room: Sendable, Equatable, Encodable {
    public var minX: Double
    public var maxX: Double
    public var minY: Double
    public var maxY: Double
    /// Floor to ceiling, cm.
    public var height: Double

    public init(minX: Double, maxX: Double, minY: Double, maxY: Double, height: Double) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
        self.height = height
    }
}

public struct StartPose: Sendable, Equatable, Encodable {
    public var x: Double
    public var y: Double
    /// Degrees, clockwise positive (as `cw` turns the drone).
    public var yaw: Double

    public init(x: Double = 0, y: Double = 0, yaw: Double = 0) {
        self.x = x
        self.y = y
        self.yaw = yaw
    }
}

/// A solid axis-aligned box standing on the floor or floating (`min.z > 0`).
public struct Box: Sendable, Equatable, Encodable {
    public var name: String
    /// The corner with the smallest coordinates and the one with the largest, cm.
    public var min: Point
    public var max: Point
    public var colour: Colour

    public init(name: String, min: Point, max: Point, colour: Colour) {
        self.name = name
        self.min = min
        self.max = max
        self.colour = colour
    }
}

public struct Point: Sendable, Equatable, Encodable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    var vector: SIMD3<Double> { SIMD3(x, y, z) }
}

/// A Tello EDU mission pad lying flat on the floor or on a box top below its centre.
public struct MissionPad: Sendable, Equatable, Encodable {
    /// 1...8, the number printed on the pad (`m1`...`m8`).
    public var id: Int
    public var x: Double
    public var y: Double
    /// Where the pad's rocket (its x axis) points, degrees clockwise from the world's x axis.
    public var yaw: Double

    public init(id: Int, x: Double, y: Double, yaw: Double = 0) {
        self.id = id
        self.x = x
        self.y = y
        self.yaw = yaw
    }
}

/// A flat coloured square on one of the room's four walls, for vision code to find.
public struct WallMarker: Sendable, Equatable, Encodable {
    public enum Wall: String, Sendable, Equatable, Encodable, CaseIterable {
        case minX, maxX, minY, maxY
    }
    public enum Pattern: String, Sendable, Equatable, Encodable, CaseIterable {
        case solid, stripes, checker
    }

    public var name: String
    public var wall: Wall
    /// Centre of the marker along the wall (y for the x walls, x for the y walls) and above the floor, cm.
    public var along: Double
    public var height: Double
    /// Side of the square, cm.
    public var size: Double
    public var colour: Colour
    public var pattern: Pattern

    public init(name: String, wall: Wall, along: Double, height: Double, size: Double, colour: Colour, pattern: Pattern = .solid) {
        self.name = name
        self.wall = wall
        self.along = along
        self.height = height
        self.size = size
        self.colour = colour
        self.pattern = pattern
    }
}

/// An sRGB colour, written `#rrggbb` in world files.
public struct Colour: Sendable, Equatable, Encodable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Nil unless `text` is `#` and six hex digits.
    public init?(hex text: String) {
        let digits = Array(text.utf8)
        // Hex digits only: `UInt32(_:radix:)` alone would take a sign (`#+fffff`).
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
              digits.dropFirst().allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }),
              let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
    }

    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
