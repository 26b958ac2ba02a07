/// What the connection holds in memory for its peer, for tests and the
/// scenario explorer's `bounded` check: the bytes waiting in the send queue
/// and the bound past which the connection is failed with 1008.
extension WebSocketConnection {
    package var queuedSendBytes: Int { sendQueue.queuedBytes }
    package var sendQueueLimit: Int { sendQueue.limit }
}
