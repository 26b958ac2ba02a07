import Foundation

/// The circle through three points, walked from the first through the second to the third.
struct ArcPath: Sendable {
    let center: SIMD3<Double>
    let radius: Double
    /// Unit vectors of the circle's plane: `e1` points at the start, `e2` toward the direction of travel.
    let e1: SIMD3<Double>
    let e2: SIMD3<Double>
    /// Angle swept from start to end, radians, in (0, 2π).
    let sweep: Double

    /// Nil when the points are (nearly) on one line: no circle passes through them.
    init?(from start: SIMD3<Double>, via middle: SIMD3<Double>, to end: SIMD3<Double>) {
        let a = middle - start
        let b = end - start
        let normal = cross(a, b)
        let normalSquared = dot(normal, normal)
        guard normalSquared > 1e-6 * dot(a, a) * dot(b, b), normalSquared > 0 else { return nil }
        // Circumcentre: start + ((|a|² b − |b|² a) × (a × b)) / (2 |a × b|²).
        let center = start + cross(dot(a, a) * b - dot(b, b) * a, normal) / (2 * normalSquared)
        let radius = TelloSim.length(start - center)
        let e1 = (start - center) / radius
        let e2 = cross(normal / normalSquared.squareRoot(), e1)
        let endOffset = end - center
        var angle = atan2(dot(endOffset, e2), dot(endOffset, e1))
        if angle <= 0 { angle += 2 * .pi }
        self.center = center
        self.radius = radius
        self.e1 = e1
        self.e2 = e2
        self.sweep = angle
    }

    var length: Double { radius * sweep }

    func point(at progress: Double) -> SIMD3<Double> {
        let angle = sweep * progress
        return center + radius * (cos(angle) * e1 + sin(angle) * e2)
    }
}

/// Vector arithmetic the stdlib SIMD types leave out.
func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }
func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
