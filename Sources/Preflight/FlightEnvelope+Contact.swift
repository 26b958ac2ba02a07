import BoxGeometry
import Foundation

/// Where a straight path first breaks the envelope, for the shadow flight.
extension FlightEnvelope {
    /// Whether the point (the drone's underside) keeps the airframe inside the floor plan.
    func insideFloorPlan(_ point: SIMD3<Double>) -> Bool {
        let r = Self.droneRadius
        switch floorPlan {
        case let .box(minX, maxX, minY, maxY):
            return point.x >= minX + r - 1e-6 && point.x <= maxX - r + 1e-6 && point.y >= minY + r - 1e-6 && point.y <= maxY - r + 1e-6
        case let .cylinder(x, y, radius):
            let dx = point.x - x, dy = point.y - y
            return (dx * dx + dy * dy).squareRoot() <= radius - r + 1e-6
        }
    }

    /// The first keep-out box the straight path `from` → `to` enters, and the fraction of the way there.
    func firstKeepOut(from: SIMD3<Double>, to: SIMD3<Double>) -> (fraction: Double, name: String)? {
        var best: (fraction: Double, name: String)?
        for box in keepOut {
            let low = box.min - SIMD3(Self.droneRadius, Self.droneRadius, Self.droneHeight)
            let high = box.max + SIMD3(Self.droneRadius, Self.droneRadius, 0)
            if let fraction = SegmentEntry.fraction(from: from, to: to, low: low, high: high), fraction < (best?.fraction ?? .infinity) {
                best = (fraction, box.name)
            }
        }
        return best
    }

    /// The highest keep-out top under (x, y) at or below `z`, or the floor: where a landing ends.
    package func surface(under point: SIMD3<Double>) -> Double {
        var top = 0.0
        for box in keepOut where box.max.z <= point.z + 1e-6 && box.max.z > top {
            if point.x >= box.min.x - Self.droneRadius, point.x <= box.max.x + Self.droneRadius,
               point.y >= box.min.y - Self.droneRadius, point.y <= box.max.y + Self.droneRadius {
                top = box.max.z
            }
        }
        return top
    }

}
