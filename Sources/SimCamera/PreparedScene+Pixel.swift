/// The colour of one pixel: the nearest of the column's wall, the floor, the ceiling and the boxes.
extension PreparedScene {
    @inline(__always)
    func shade(_ column: Column, hits: UnsafeBufferPointer<BoxHit>, slope: Double, eye: SIMD3<Double>, focal: Double) -> Shade {
        var best = column.wallDistance
        var surface = Surface.wall
        if slope < 0 {
            let floorDistance = -eye.z / slope
            if floorDistance < best { best = floorDistance; surface = .floor }
        } else if slope > 0 {
            let ceilingDistance = (room.height - eye.z) / slope
            if ceilingDistance < best { best = ceilingDistance; surface = .ceiling }
        }
        var box = -1
        var hitIndex = column.firstHit
        let end = column.firstHit + column.hitCount
        while hitIndex < end {
            let hit = hits[hitIndex]
            hitIndex += 1
            if hit.tIn >= best { break }
            let solid = boxes[Int(hit.box)]
            let zIn = eye.z + slope * hit.tIn
            if hit.face >= 0, zIn >= solid.min.z, zIn <= solid.max.z {
                best = hit.tIn; box = Int(hit.box); surface = hit.face == 0 ? .xFace : .yFace
            } else if slope < 0, zIn > solid.max.z {
                let top = (solid.max.z - eye.z) / slope
                if top <= hit.tOut, top < best { best = top; box = Int(hit.box); surface = .top }
            } else if slope > 0, zIn < solid.min.z {
                let bottom = (solid.min.z - eye.z) / slope
                if bottom <= hit.tOut, bottom < best { best = bottom; box = Int(hit.box); surface = .bottom }
            }
        }
        switch surface {
        case .wall: return wallShade(column, z: eye.z + slope * best)
        case .ceiling: return ceiling
        case .xFace: return boxes[box].faces.x
        case .yFace: return boxes[box].faces.y
        case .bottom: return boxes[box].faces.bottom
        case .top, .floor:
            let x = eye.x + column.direction.x * best, y = eye.y + column.direction.y * best
            let z = surface == .top ? boxes[box].max.z : 0
            if column.pads != 0, let pad = padShade(column.pads, x: x, y: y, z: z) { return pad }
            if surface == .top { return boxes[box].faces.top }
            return floorShade(x: x, y: y, distance: best * column.planarScale, height: eye.z, focal: focal)
        }
    }

    enum Surface { case wall, floor, ceiling, xFace, yFace, top, bottom }

    /// The floor with its grid. Lines are 2 cm wide; where a pixel covers more floor than
    /// that (far away), a line adds only its share of the pixel, so the grid fades into the
    /// floor's colour instead of flickering (flicker would cost bits in every P picture).
    @inline(__always)
    func floorShade(x: Double, y: Double, distance: Double, height: Double, focal: Double) -> Shade {
        let spacing = room.gridSpacing
        let gx = x / spacing, gy = y / spacing
        let fromLine = min(abs(gx - gx.rounded()), abs(gy - gy.rounded())) * spacing
        // The floor a pixel covers: across the view distance/focal, along it stretched by the grazing angle.
        let footprint = distance / focal * max(1, distance / max(height, 1))
        let lineWidth = 2.0
        let cover = max(lineWidth, footprint)
        guard fromLine < cover / 2 else { return floor }
        return floor.blended(with: grid, lineWidth / cover)
    }

    @inline(__always)
    func wallShade(_ column: Column, z: Double) -> Shade {
        let plain = column.wall == .minX || column.wall == .maxX ? xWall : yWall
        for marker in markers where marker.wall == column.wall {
            let u = (column.wallAlong - marker.alongLow) / marker.size, v = (z - marker.zLow) / marker.size
            guard u >= 0, u < 1, v >= 0, v < 1 else { continue }
            switch marker.pattern {
            case .solid: return marker.ink
            case .stripes: return Int(u * 6) & 1 == 0 ? marker.ink : marker.paper
            case .checker: return (Int(u * 4) + Int(v * 4)) & 1 == 0 ? marker.ink : marker.paper
            }
        }
        return plain
    }

    /// A mission pad at this floor or box-top point: a dark square, its number in white
    /// (upright for someone standing behind the rocket) and a white arrow at the rocket's end.
    @inline(__always)
    func padShade(_ set: UInt64, x: Double, y: Double, z: Double) -> Shade? {
        var remaining = set
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let pad = pads[index]
            guard abs(pad.centre.z - z) < 0.5 else { continue }
            let dx = x - pad.centre.x, dy = y - pad.centre.y
            let forward = dx * pad.xAxis.x + dy * pad.xAxis.y, left = dx * pad.yAxis.x + dy * pad.yAxis.y
            guard abs(forward) <= pad.half, abs(left) <= pad.half else { continue }
            // The arrow: a triangle in the front fifth, pointing along the rocket.
            let front = forward - pad.half * 0.6
            if front >= 0, abs(left) <= (pad.half * 0.4 - front) * 0.9 { return padInk }
            // The digit: 5 x 7 cells over the middle of the pad, rows running from front to back.
            let cell = pad.half * 0.14
            let column = Int(((-left) + 2.5 * cell) / cell + 10) - 10, row = Int((pad.half * 0.45 - forward) / cell + 10) - 10
            if DigitGlyphs.ink(pad.id % 10, column: column, row: row) { return padInk }
            return padBackground
        }
        return nil
    }
}
