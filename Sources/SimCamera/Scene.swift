/// What the camera can see, in the simulator's world frame (centimetres: x forward at
/// power-on, y left, z up from the floor): the room, solid boxes, mission pads on the
/// floor or on box tops, and coloured markers on the room's walls.
///
/// Its own plain values rather than the simulator's `World`, so this module needs
/// nothing but the picture type; the simulator turns its world into a scene once.
public struct Scene: Sendable, Equatable {
    public var room: SceneRoom
    public var boxes: [SceneBox]
    public var pads: [ScenePad]
    public var markers: [SceneMarker]

    public init(room: SceneRoom, boxes: [SceneBox] = [], pads: [ScenePad] = [], markers: [SceneMarker] = []) {
        self.room = room
        self.boxes = boxes
        self.pads = pads
        self.markers = markers
    }
}

/// The room: walls at `x = minX`, `x = maxX`, `y = minY`, `y = maxY`, the floor at 0, the ceiling at `height`.
public struct SceneRoom: Sendable, Equatable {
    public var minX: Double, maxX: Double, minY: Double, maxY: Double, height: Double
    public var wallColour = RGB(red: 0xC9, green: 0xC4, blue: 0xBA)
    public var floorColour = RGB(red: 0x8C, green: 0x7A, blue: 0x62)
    public var gridColour = RGB(red: 0xE8, green: 0xE2, blue: 0xD4)
    public var ceilingColour = RGB(red: 0xEE, green: 0xEE, blue: 0xEA)
    /// Spacing of the floor grid's lines, cm.
    public var gridSpacing = 100.0

    public init(minX: Double, maxX: Double, minY: Double, maxY: Double, height: Double) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
        self.height = height
    }
}

/// A solid axis-aligned box (an obstacle or an interior wall), drawn flat-shaded in its colour.
public struct SceneBox: Sendable, Equatable {
    public var min: SIMD3<Double>
    public var max: SIMD3<Double>
    public var colour: RGB

    public init(min: SIMD3<Double>, max: SIMD3<Double>, colour: RGB) {
        self.min = min
        self.max = max
        self.colour = colour
    }
}

/// A mission pad lying flat at height `z`, its number printed upright when seen from behind its rocket.
public struct ScenePad: Sendable, Equatable {
    public var id: Int
    public var centre: SIMD3<Double>
    /// Where the rocket (the pad's x axis) points, degrees clockwise from the world's x axis.
    public var yaw: Double
    /// Side of the square, cm.
    public var size: Double

    public init(id: Int, centre: SIMD3<Double>, yaw: Double, size: Double = ScenePad.standardSize) {
        self.id = id
        self.centre = centre
        self.yaw = yaw
        self.size = size
    }

    /// Our drawing's size; the pad's look (dark square, white number, an arrow along the rocket) is ours too.
    public static let standardSize = 20.0
}

/// A coloured square on one of the room's walls.
public struct SceneMarker: Sendable, Equatable {
    public enum Wall: Sendable, Equatable { case minX, maxX, minY, maxY }
    public enum Pattern: Sendable, Equatable { case solid, stripes, checker }

    public var wall: Wall
    /// Centre along the wall (y on the x walls, x on the y walls) and above the floor, cm.
    public var along: Double
    public var height: Double
    public var size: Double
    public var colour: RGB
    public var pattern: Pattern

    public init(wall: Wall, along: Double, height: Double, size: Double, colour: RGB, pattern: Pattern) {
        self.wall = wall
        self.along = along
        self.height = height
        self.size = size
        self.colour = colour
        self.pattern = pattern
    }
}

/// An 8-bit sRGB colour.
public struct RGB: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
}
