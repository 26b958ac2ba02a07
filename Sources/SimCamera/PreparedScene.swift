import Foundation

/// A scene turned into what the per-pixel loop reads: shades worked out once per picture.
struct PreparedScene {
    struct Box {
        var min: SIMD3<Double>
        var max: SIMD3<Double>
        /// Lit colours of an x face, a y face, the top and the bottom.
        var faces: (x: Shade, y: Shade, top: Shade, bottom: Shade)
    }

    struct Pad {
        var id: Int
        var centre: SIMD3<Double>
        /// The pad's x axis (its rocket) and y axis (the rocket's left) in the world.
        var xAxis: SIMD2<Double>
        var yAxis: SIMD2<Double>
        var half: Double
    }

    struct Marker {
        var wall: SceneMarker.Wall
        var alongLow: Double
        var zLow: Double
        var size: Double
        var pattern: SceneMarker.Pattern
        var ink: Shade
        var paper: Shade
    }

    let room: SceneRoom
    let boxes: [Box]
    let pads: [Pad]
    let markers: [Marker]
    let floor: Shade
    let grid: Shade
    let ceiling: Shade
    let xWall: Shade
    let yWall: Shade
    let padBackground = Shade(RGB(red: 0x1B, green: 0x25, blue: 0x3D))
    let padInk = Shade(RGB(red: 0xF4, green: 0xF4, blue: 0xF0))

    init(_ scene: Scene) {
        room = scene.room
        boxes = scene.boxes.map { box in
            Box(min: box.min, max: box.max,
                faces: (Shade(box.colour, light: Shade.Light.xFace), Shade(box.colour, light: Shade.Light.yFace),
                        Shade(box.colour, light: Shade.Light.top), Shade(box.colour, light: Shade.Light.bottom)))
        }
        pads = scene.pads.prefix(64).map { pad in
            let radians = pad.yaw * .pi / 180
            return Pad(id: pad.id, centre: pad.centre, xAxis: SIMD2(cos(radians), -sin(radians)),
                       yAxis: SIMD2(sin(radians), cos(radians)), half: pad.size / 2)
        }
        let white = RGB(red: 0xF4, green: 0xF4, blue: 0xF0)
        markers = scene.markers.map { marker in
            let light = marker.wall == .minX || marker.wall == .maxX ? Shade.Light.xWall : Shade.Light.yWall
            return Marker(wall: marker.wall, alongLow: marker.along - marker.size / 2, zLow: marker.height - marker.size / 2,
                          size: marker.size, pattern: marker.pattern, ink: Shade(marker.colour, light: light),
                          paper: Shade(white, light: light))
        }
        floor = Shade(scene.room.floorColour)
        grid = Shade(scene.room.gridColour)
        ceiling = Shade(scene.room.ceilingColour)
        xWall = Shade(scene.room.wallColour, light: Shade.Light.xWall)
        yWall = Shade(scene.room.wallColour, light: Shade.Light.yWall)
    }

    /// Where a column's ray leaves the room through one of its four walls.
    func wallExit(from eye: SIMD3<Double>, direction: SIMD2<Double>, into column: inout Column) {
        var best = Double.infinity
        if direction.x > 1e-12 { best = (room.maxX - eye.x) / direction.x; column.wall = .maxX }
        if direction.x < -1e-12 { best = (room.minX - eye.x) / direction.x; column.wall = .minX }
        if direction.y > 1e-12, (room.maxY - eye.y) / direction.y < best { best = (room.maxY - eye.y) / direction.y; column.wall = .maxY }
        if direction.y < -1e-12, (room.minY - eye.y) / direction.y < best { best = (room.minY - eye.y) / direction.y; column.wall = .minY }
        column.wallDistance = max(best, 0)
        switch column.wall {
        case .minX, .maxX: column.wallAlong = eye.y + direction.y * column.wallDistance
        case .minY, .maxY: column.wallAlong = eye.x + direction.x * column.wallDistance
        }
    }

    /// The pads whose square a column's ray passes over, as a bit set.
    func padsCrossed(eye: SIMD3<Double>, direction: SIMD2<Double>) -> UInt64 {
        var set: UInt64 = 0
        for (index, pad) in pads.enumerated() {
            // The square's circumscribed circle: a cheap, generous test.
            let reach = pad.half * 2.squareRoot()
            let toCentre = SIMD2(pad.centre.x - eye.x, pad.centre.y - eye.y)
            let along = toCentre.x * direction.x + toCentre.y * direction.y
            let lengthSquared = direction.x * direction.x + direction.y * direction.y
            let across = abs(toCentre.x * direction.y - toCentre.y * direction.x) / lengthSquared.squareRoot()
            if across <= reach, along >= -reach * lengthSquared.squareRoot() { set |= 1 << UInt64(index) }
        }
        return set
    }
}
