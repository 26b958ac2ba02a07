import Foundation

/// A reference set once, after the thing that needs it was built: the
/// WebSocket server's handler needs the `AgentServer` that wraps it, the
/// executor's broadcasts need the hub the server creates.
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
