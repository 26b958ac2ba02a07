/// Where a plan may take the drone: a floor plan (a room box or a cylinder
/// around the takeoff point), a ceiling, a minimum height and keep-out boxes.
///
/// Centimetres in one frame: x forward and y left of where the drone stood
/// when it was switched on (the simulator's world frame), z up from the
/// floor. The drone is a point here (the middle of its underside); the
/// envelope is shrunk by the airframe's size (`droneRadius`, `droneHeight`)
/// so that the point staying inside keeps the whole airframe inside.
package struct FlightEnvelope: Sendable, Equatable {
    package enum FloorPlan: Sendable, Equatable {
        /// Walls at x = minX, maxX and y = minY, maxY.
        case box(minX: Double, maxX: Double, minY: Double, maxY: Double)
        /// A circle of `radius` around (x, y).
        case cylinder(x: Double, y: Double, radius: Double)
    }

    /// A solid the drone must not touch (an obstacle or an interior wall).
    package struct KeepOut: Sendable, Equatable {
        package var name: String
        package var min: SIMD3<Double>
        package var max: SIMD3<Double>

        package init(name: String, min: SIMD3<Double>, max: SIMD3<Double>) {
            self.name = name
            self.min = min
            self.max = max
        }
    }

    package var floorPlan: FloorPlan
    /// Floor to the highest the drone's top may reach, cm.
    package var ceiling: Double
    /// The lowest a flying drone's underside may be above the floor, cm
    /// (a Tello's downward sensors hold it about 20 cm up; lower is a landing).
    package var minimumHeight: Double
    package var keepOut: [KeepOut]
    /// Where the drone stands when switched on: the origin of the agent's
    /// dead reckoning, in this frame (z is the surface it stands on).
    package var origin: SIMD3<Double>
    /// The drone's heading at that point, degrees clockwise.
    package var originYaw: Double

    /// Half the width of a Tello with propeller guards and its height, cm
    /// (the simulator's own airframe size).
    package static let droneRadius = 10.0
    package static let droneHeight = 4.0

    /// Safe indoors without a map: a 3 m circle around the takeoff point, a
    /// 2.5 m ceiling (a living room is about 2.5 m; the drone's top stays
    /// below), 20 cm minimum height.
    package static let defaultRadius = 300.0
    package static let defaultCeiling = 250.0
    package static let defaultMinimumHeight = 20.0

    package init(floorPlan: FloorPlan, ceiling: Double, minimumHeight: Double = defaultMinimumHeight,
                keepOut: [KeepOut] = [], origin: SIMD3<Double> = .zero, originYaw: Double = 0) {
        self.floorPlan = floorPlan
        self.ceiling = ceiling
        self.minimumHeight = minimumHeight
        self.keepOut = keepOut
        self.origin = origin
        self.originYaw = originYaw
    }

    /// The documented default: a cylinder of `radius` around the takeoff point under `ceiling`.
    package static func indoor(radius: Double = defaultRadius, ceiling: Double = defaultCeiling) -> FlightEnvelope {
        FlightEnvelope(floorPlan: .cylinder(x: 0, y: 0, radius: radius), ceiling: ceiling)
    }

    /// The same envelope with the floor plan replaced by a circle of
    /// `radius` around the origin (`--radius`), or the ceiling lowered to
    /// `ceiling` (`--ceiling`): a flag only ever tightens a room's own limits.
    package func limited(radius: Double?, ceiling: Double?) -> FlightEnvelope {
        var envelope = self
        if let radius { envelope.floorPlan = .cylinder(x: origin.x, y: origin.y, radius: radius) }
        if let ceiling { envelope.ceiling = Swift.min(envelope.ceiling, ceiling) }
        return envelope
    }
}
