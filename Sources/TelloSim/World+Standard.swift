extension World {
    /// The world used when none is given: a 40 m × 40 m sports hall, 10 m high,
    /// with the drone in the middle facing +x.
    ///
    /// Built in code, not shipped as a resource, so it is always there. It is
    /// chosen so nothing that flew before worlds existed flies differently: the
    /// nearest obstacle is 11 m from the start, every wall 20 m, the ceiling 10 m
    /// up, and no mission pad is within 4 m of the start (a drone that turns on
    /// `mon` over the start still sees no pad).
    public static let standard = World(
        room: Room(minX: -2000, maxX: 2000, minY: -2000, maxY: 2000, height: 1000),
        start: StartPose(x: 0, y: 0, yaw: 0),
        walls: [],
        obstacles: [
            // Straight ahead of the start, for vision code to fly toward.
            Box(name: "blue box", min: Point(1100, -75, 0), max: Point(1250, 75, 100),
                colour: Colour(red: 0x1f, green: 0x4f, blue: 0xd8)),
            // To the right: what the forward camera sees after `cw 90`.
            Box(name: "red box", min: Point(-75, -1275, 0), max: Point(75, -1125, 150),
                colour: Colour(red: 0xd8, green: 0x2a, blue: 0x1f)),
        ],
        pads: [
            MissionPad(id: 1, x: -300, y: 300, yaw: 0),
            MissionPad(id: 2, x: -300, y: 500, yaw: 0),
            MissionPad(id: 3, x: -500, y: 300, yaw: 90),
            MissionPad(id: 4, x: -500, y: 500, yaw: 180),
        ],
        markers: [
            WallMarker(name: "ahead", wall: .maxX, along: 0, height: 150, size: 100,
                       colour: Colour(red: 0x2e, green: 0xa0, blue: 0x43)),
            WallMarker(name: "right", wall: .minY, along: 0, height: 150, size: 100,
                       colour: Colour(red: 0xf2, green: 0xc4, blue: 0x0c), pattern: .stripes),
            WallMarker(name: "left", wall: .maxY, along: 0, height: 150, size: 100,
                       colour: Colour(red: 0xb0, green: 0x2f, blue: 0xb8), pattern: .checker),
            WallMarker(name: "behind", wall: .minX, along: 0, height: 150, size: 100,
                       colour: Colour(red: 0x1b, green: 0xb5, blue: 0xc4)),
        ])
}
