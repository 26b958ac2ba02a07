/// One client's send queue as the scenario explorer's `bounded` check reads it.
package struct SendQueueSize: Sendable, Equatable {
    /// The session's name in recordings and probes: c1, c2, ... in order of joining.
    package var client: String
    package var bytes: Int
    /// Past this the connection is failed with 1008.
    package var limit: Int

    package init(client: String, bytes: Int, limit: Int) {
        self.client = client
        self.bytes = bytes
        self.limit = limit
    }
}

extension SessionHub {
    /// Every session's send queue, in the order the sessions joined.
    package func sendQueues() async -> [SendQueueSize] {
        var sizes: [SendQueueSize] = []
        for session in all {
            let connection = session.connection
            sizes.append(SendQueueSize(client: session.recordName, bytes: await connection.queuedSendBytes, limit: await connection.sendQueueLimit))
        }
        return sizes
    }
}

extension Drone {
    /// Commands submitted to the drone link and not yet answered.
    package var commandsWaiting: Int {
        get async { await link.commandsWaiting }
    }
}
