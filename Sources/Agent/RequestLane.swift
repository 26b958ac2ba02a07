/// How the server schedules a request from one client.
///
/// The original agent handled each connection's messages one after another.
/// We keep that order for everything that changes state, but a long order
/// must not hold up what has to stay responsive: reads, and above all an
/// emergency, which no queue, cap or planner may delay.
package enum RequestLane: Sendable, Equatable {
    /// `emergency`, and `drone_command` `emergency`/`stop`: handled the moment
    /// they are read, never refused, never queued.
    case urgent
    /// Changes nothing: answered at once, concurrently (bounded per client),
    /// seeing the state at the moment it is handled.
    case read
    /// Changes the drone, the link or the settings: carried out one at a time
    /// per client, in the order they arrived.
    case ordered
    /// `set_status_updates`: this session's own preference, applied by the read loop itself.
    case session

    package init(_ request: AgentRequest) {
        switch request.type {
        case "emergency":
            self = .urgent
        case "drone_command":
            switch request.data["action"]?.stringValue {
            case "emergency", "stop": self = .urgent
            case "get_battery", "get_status": self = .read
            default: self = .ordered
            }
        case "connect_drone", "disconnect_drone", "natural_language_command", "start_video", "stop_video",
             "update_ai_settings", "confirm_plan":
            self = .ordered
        case "set_status_updates":
            self = .session
        default:
            // get_status, get_ai_settings, and unknown types (answered with an error).
            self = .read
        }
    }
}
