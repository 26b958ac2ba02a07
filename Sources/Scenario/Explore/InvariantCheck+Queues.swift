import Agent
import AgentAssembly

/// The agent's queues and clients that stop reading.
extension InvariantCheck {
    /// Scenario time within which the agent must close a client that stopped
    /// reading: its send queue fills within seconds of status broadcasts
    /// (1008), and without traffic the keepalive ends it within 90 s (the
    /// first unanswered ping within 20 s, 60 s for its pong, 10 s for the close).
    public static let slowReaderDeadline: Duration = .seconds(100)
    /// What a send queue may hold past its bound: the Close frame, which always fits.
    static let closeFrameRoom = 256

    /// Each reading of the agent's queues is within their bounds; and the log
    /// stays within a generous budget of the work done (a spinning loop, a
    /// retry without backoff, writes far more).
    static func queuesBounded(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        var worstSendQueue: [String: SendQueueSize] = [:]
        var worstOutbox: QueueSizes?
        var worstCommands: QueueSizes?
        for sample in run.observation.queues {
            let sizes = sample.sizes
            for queue in sizes.sendQueues where queue.bytes > queue.limit + closeFrameRoom {
                if queue.bytes > worstSendQueue[queue.client]?.bytes ?? 0 { worstSendQueue[queue.client] = queue }
            }
            if sizes.outbox > sizes.outboxLimit, sizes.outbox > worstOutbox?.outbox ?? 0 { worstOutbox = sizes }
            if sizes.commands > sizes.commandsLimit, sizes.commands > worstCommands?.commands ?? 0 { worstCommands = sizes }
        }
        for (client, queue) in worstSendQueue.sorted(by: { $0.key < $1.key }) {
            found.append(Violation(
                invariant: .bounded, detail: "session \(client)'s send queue held \(queue.bytes) bytes, past its bound of \(queue.limit)"))
        }
        if let worstOutbox {
            found.append(Violation(invariant: .bounded, detail: "the 3002 outbox held \(worstOutbox.outbox) analyses, past its \(worstOutbox.outboxLimit)"))
        }
        if let worstCommands {
            found.append(Violation(
                invariant: .bounded, detail: "\(worstCommands.commands) commands waited on the drone link, past \(worstCommands.commandsLimit)"))
        }
        // Generous: a healthy run writes a few lines per message and per datagram
        // (10 state lines a second are not logged at debug). A runaway loop writes far more.
        let seconds = Double(run.observation.scenarioTime.components.seconds) + 1
        let budget = 2000 + 60 * Int(seconds) + 50 * run.requests.count
        if run.log.count > budget {
            found.append(Violation(invariant: .bounded, detail: "\(run.log.count) log lines, more than \(budget) for this run"))
        }
        return found
    }

    /// A client that stopped reading for good is no longer one of the
    /// agent's sessions once `slowReaderDeadline` has passed since (the
    /// first reading of the queues after it, before the run's end): the agent
    /// closed it on its own. Checked only when the run went on that long.
    static func slowReaders(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        let samples = run.observation.queues.filter { $0.time <= run.observation.scenarioTime }
        for (client, paused) in run.stoppedReading.sorted(by: { $0.key < $1.key }) where !run.ended.contains(client) {
            guard let session = run.sessionNames[client],
                let reading = samples.first(where: { $0.time >= paused + slowReaderDeadline })
            else { continue }
            if reading.sizes.sendQueues.contains(where: { $0.client == session }) {
                found.append(Violation(
                    invariant: .slowReaderClosed,
                    detail: "\(client) stopped reading at \(ScenarioDuration.format(paused)) and was still connected "
                        + "\(ScenarioDuration.format(reading.time - paused)) later"))
            }
        }
        return found
    }
}
