import DroneVocabulary

/// One step of a plan as the shadow flight flies it.
package enum ShadowStep: Sendable, Equatable {
    case takeoff
    case land
    /// Motors off where it is: the drone drops.
    case emergency
    /// Hover in place at once: nothing moves.
    case stop
    /// A body-frame move (x forward, y left, z up), cm.
    case move(SIMD3<Double>)
    /// Degrees, clockwise positive.
    case rotate(Double)
    case hover(seconds: Double)
    case flip
    /// Reads: the drone does not move.
    case read

    /// `action` with `amount` (nil: the vocabulary's default), as the agent flies it.
    package init(_ action: DroneAction, amount: Double?) {
        let value = amount ?? action.parameter?.defaultValue ?? 0
        switch action {
        case .takeoff: self = .takeoff
        case .land: self = .land
        case .emergency: self = .emergency
        case .stop: self = .stop
        case .moveForward: self = .move(SIMD3(value, 0, 0))
        case .moveBack: self = .move(SIMD3(-value, 0, 0))
        case .moveLeft: self = .move(SIMD3(0, value, 0))
        case .moveRight: self = .move(SIMD3(0, -value, 0))
        case .moveUp: self = .move(SIMD3(0, 0, value))
        case .moveDown: self = .move(SIMD3(0, 0, -value))
        case .rotateClockwise: self = .rotate(value)
        case .rotateCounterClockwise: self = .rotate(-value)
        case .hover: self = .hover(seconds: value)
        case .getBattery, .getStatus: self = .read
        }
    }

    /// Whether the step needs the drone in the air.
    var needsFlight: Bool {
        switch self {
        case .move, .rotate, .hover, .flip: true
        case .takeoff, .land, .emergency, .stop, .read: false
        }
    }
}

/// Where the drone is when the plan starts, as the agent knows it.
package struct ShadowStart: Sendable, Equatable {
    /// Envelope frame, cm (z: the underside above the floor).
    package var position: SIMD3<Double>
    /// Degrees clockwise in the envelope frame.
    package var yaw: Double
    package var battery: Double
    package var flying: Bool

    package init(position: SIMD3<Double>, yaw: Double, battery: Double, flying: Bool) {
        self.position = position
        self.yaw = yaw
        self.battery = battery
        self.flying = flying
    }
}
