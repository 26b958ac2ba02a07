import Foundation

/// A reference set once, after the thing that needs it was built: the
/// WebSocket server's handler needs the `AgentServer` that wraps it (the
/// server is started before the wrapper can exist; one HTTP server with the
/// WebSocket upgrade as a route would let the route be built first).
///
/// `@unchecked Sendable`: `stored` is only touched under `lock`.
final class LateBound<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
