import Foundation

/// A reference set once, after the thing that needs it was built: the
/// WebSocket server's handler needs the `AgentServer` that wraps it (the
/// server is started before the wrapper can exist; one HTTP server with the
/// WebSocket upgrade as a route would let the route be built first).
///
/// Weak: the wrapper owns the server, the server owns its handler, and the
/// handler holds this box, so a strong reference here would be a cycle that
/// keeps every stopped agent (its sessions, drone, simulator, logs) alive
/// for the life of the process: one agent per scenario run in a process
/// that plays thousands of them. While the wrapper lives (whenever the
/// server can call its handler) the reference is set.
///
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class LateBound<Value: AnyObject & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private weak var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
