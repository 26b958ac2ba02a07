/// What the connection holds in memory, for tests and the scenario
/// explorer's `bounded` check: the bytes waiting in the send queue, the bound
/// past which the connection is failed with 1008, and the messages received
/// and not yet taken.
extension WebSocketConnection {
    package var queuedSendBytes: Int { sendQueue.queuedBytes }
    package var sendQueueLimit: Int { sendQueue.limit }
    package var unreadMessages: Int { inbox.count - inboxHead }
}
