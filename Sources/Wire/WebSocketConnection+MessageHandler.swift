import WebSocketCodec

extension WebSocketConnection {
    /// Called on the connection's actor with each message, as it is parsed.
    public typealias MessageHandler = @Sendable (isolated WebSocketConnection, WebSocketMessage) -> Void

    /// Gives every message to `body` as the read loop parses it, on this actor,
    /// until the connection is over; returns how it ended. Messages received
    /// before the call go first, in order.
    ///
    /// For a handler that answers each message at once, without awaiting
    /// anything (an echo, a relay, a router that hands work to tasks of its
    /// own): no task waits in `receive`, so a message wakes only the read loop
    /// and its answer leaves in the same turn, as with an event loop's channel
    /// handler. When one read brings several messages, their answers leave in
    /// one write. `body` must not block; there is no backpressure beyond the
    /// send queue's bound (a peer that sends faster than it reads the answers
    /// is closed with 1008 when that fills). Use this or `receive`, not both.
    public func handleMessages(_ body: @escaping MessageHandler) async -> WebSocketCloseInfo {
        while let message = takeFromInbox() { body(self, message) }
        messageHandler = body
        let info = await closed()
        messageHandler = nil
        return info
    }
}
