import TelloSDK

extension DroneAction {
    /// The SDK command that flies this action with `amount` (already checked:
    /// in range, on the step), or nil for actions the agent carries out
    /// without sending one (hover waits, the status is local, the battery is
    /// a read the agent may answer from the state stream).
    package func telloCommand(amount: Double?) -> TelloCommand? {
        let whole = amount.map { Int($0) }
        switch self {
        case .takeoff: return .takeoff
        case .land: return .land
        case .emergency: return .emergency
        case .stop: return .stop
        case .moveForward: return whole.map { .move(.forward, centimeters: $0) }
        case .moveBack: return whole.map { .move(.back, centimeters: $0) }
        case .moveLeft: return whole.map { .move(.left, centimeters: $0) }
        case .moveRight: return whole.map { .move(.right, centimeters: $0) }
        case .moveUp: return whole.map { .move(.up, centimeters: $0) }
        case .moveDown: return whole.map { .move(.down, centimeters: $0) }
        case .rotateClockwise: return whole.map { .rotate(.clockwise, degrees: $0) }
        case .rotateCounterClockwise: return whole.map { .rotate(.counterClockwise, degrees: $0) }
        case .getBattery: return .read(.battery)
        case .hover, .getStatus: return nil
        }
    }
}
