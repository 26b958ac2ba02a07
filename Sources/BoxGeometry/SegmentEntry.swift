/// Where a straight segment first enters an axis-aligned box: the one
/// collision test the simulator (a move that hits a wall or an obstacle) and
/// the preflight (a plan that would) both ask, so they cannot disagree on it.
package enum SegmentEntry {
    /// The fraction of the way from `from` to `to` where the segment first
    /// enters the open box `low...high` (slab method), nil if it never does.
    /// A segment that starts on a face and moves along it or away does not enter.
    package static func fraction(from: SIMD3<Double>, to: SIMD3<Double>, low: SIMD3<Double>, high: SIMD3<Double>) -> Double? {
        let epsilon = 1e-9
        var enter = 0.0
        var leave = 1.0
        let delta = to - from
        for axis in 0..<3 {
            if abs(delta[axis]) < epsilon {
                guard from[axis] > low[axis] + epsilon, from[axis] < high[axis] - epsilon else { return nil }
                continue
            }
            var t1 = (low[axis] - from[axis]) / delta[axis]
            var t2 = (high[axis] - from[axis]) / delta[axis]
            if t1 > t2 { swap(&t1, &t2) }
            enter = max(enter, t1)
            leave = min(leave, t2)
            if enter >= leave - epsilon { return nil }
        }
        return enter
    }
}
