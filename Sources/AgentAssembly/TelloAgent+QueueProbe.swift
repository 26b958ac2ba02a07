import Agent

/// The agent's queues as they are at one moment, each with its bound: what
/// the scenario explorer's `bounded` invariant measures (tests and the
/// explorer only; nothing in the agent reads it).
package struct QueueSizes: Sendable, Equatable {
    /// Each connected client's send queue (bytes waiting for a reader), and the bound past which it is closed with 1008.
    package var sendQueues: [SendQueueSize]
    /// Analyses in the 3002 outbox, and its capacity.
    package var outbox: Int
    package var outboxLimit: Int
    /// Commands waiting on the drone link (on the wire or queued), and the most
    /// the request limits let every client have there at once.
    package var commands: Int
    package var commandsLimit: Int

    package init(sendQueues: [SendQueueSize], outbox: Int, outboxLimit: Int, commands: Int, commandsLimit: Int) {
        self.sendQueues = sendQueues
        self.outbox = outbox
        self.outboxLimit = outboxLimit
        self.commands = commands
        self.commandsLimit = commandsLimit
    }
}

extension TelloAgent {
    /// The bound each send queue is held to: the configured one, whatever a
    /// planted bug did to the connections (so the bug shows as a queue past it).
    package var sendQueueBound: Int { options.sendQueueLimit }

    package func queueSizes() async -> QueueSizes {
        var sendQueues = await server.hub.sendQueues()
        for index in sendQueues.indices { sendQueues[index].limit = min(sendQueues[index].limit, sendQueueBound) }
        let limits = AgentServer.Limits()
        // Per client: its ordered lane's one request at a time, its reads in flight, an urgent command.
        let commandsLimit = options.maxConnections * (limits.requestsInFlight + 2) + 4
        return QueueSizes(sendQueues: sendQueues, outbox: bridge.pendingCount, outboxLimit: bridge.capacity,
                          commands: await drone.commandsWaiting, commandsLimit: commandsLimit)
    }
}
