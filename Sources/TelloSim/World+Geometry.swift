import BoxGeometry

/// Where solid things are: what the drone stands or hovers over, and where a path first touches something.
///
/// The drone is a box `2 × droneRadius` wide and `droneHeight` tall whose
/// position is the middle of its underside (where `tof` measures from). Instead of
/// moving a box, every solid is grown by the drone's size and the path of that
/// point is tested against the grown solids.
extension World {
    /// Half the width of a Tello with its propeller guards (about 19 × 18 cm), cm.
    static let droneRadius = 10.0
    /// Height of the airframe with guards, cm.
    static let droneHeight = 4.0

    /// The height of the surface under `(x, y)`: the floor (0) or the highest box top
    /// at or below `z` whose footprint covers the point.
    func surface(belowX x: Double, y: Double, z: Double = .infinity) -> Double {
        var top = 0.0
        for box in solids where box.max.z <= z + 1e-6 && box.max.z > top {
            if x >= box.min.x - Self.droneRadius, x <= box.max.x + Self.droneRadius,
               y >= box.min.y - Self.droneRadius, y <= box.max.y + Self.droneRadius {
                top = box.max.z
            }
        }
        return top
    }

    /// The first contact on the straight path `from` → `to`: the fraction of the way
    /// (0...1) and what was touched, or nil if the path is clear.
    func firstContact(from: SIMD3<Double>, to: SIMD3<Double>) -> (fraction: Double, with: String)? {
        var best: (fraction: Double, with: String)?
        if let wall = leavesRoom(from: from, to: to) { best = wall }
        for box in solids {
            let low = box.min.vector - SIMD3(Self.droneRadius, Self.droneRadius, Self.droneHeight)
            let high = box.max.vector + SIMD3(Self.droneRadius, Self.droneRadius, 0)
            if let fraction = SegmentEntry.fraction(from: from, to: to, low: low, high: high), fraction < (best?.fraction ?? .infinity) {
                best = (fraction, box.name)
            }
        }
        return best
    }

    /// Where a segment reaches the room's walls or ceiling (grown inward by the drone's size).
    private func leavesRoom(from: SIMD3<Double>, to: SIMD3<Double>) -> (fraction: Double, with: String)? {
        let low = SIMD3(room.minX + Self.droneRadius, room.minY + Self.droneRadius, -Double.infinity)
        let high = SIMD3(room.maxX - Self.droneRadius, room.maxY - Self.droneRadius, room.height - Self.droneHeight)
        let names = [("wall minX", "wall maxX"), ("wall minY", "wall maxY"), ("floor", "ceiling")]
        var best: (fraction: Double, with: String)?
        let delta = to - from
        for axis in 0..<3 where delta[axis] != 0 {
            let (limit, name) = delta[axis] > 0 ? (high[axis], names[axis].1) : (low[axis], names[axis].0)
            guard limit.isFinite else { continue }
            let fraction = Swift.max(0, (limit - from[axis]) / delta[axis])
            if fraction < 1, fraction < (best?.fraction ?? .infinity) { best = (fraction, name) }
        }
        return best
    }
}

extension World {
    /// The first contact along a motion's path (fraction of the path, what is touched), nil if clear.
    /// Arcs are followed in chords of at most 2 cm.
    func firstContact(along path: FlightPath) -> (fraction: Double, with: String)? {
        switch path {
        case let .line(from, to):
            return firstContact(from: from.position, to: to.position)
        case let .arc(arc, _):
            let steps = Swift.min(Swift.max(Int(arc.length / 2) + 1, 8), 10_000)
            var previous = arc.point(at: 0)
            for step in 0..<steps {
                let next = arc.point(at: Double(step + 1) / Double(steps))
                if let contact = firstContact(from: previous, to: next) {
                    return ((Double(step) + contact.fraction) / Double(steps), contact.with)
                }
                previous = next
            }
            return nil
        case .flip:
            return nil
        }
    }
}
