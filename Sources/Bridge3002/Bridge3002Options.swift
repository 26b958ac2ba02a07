import Clocks

/// How the 3002 client delivers; every default is the original agent's or says why.
package struct Bridge3002Options: Sendable {
    package var endpoint: BackendEndpoint
    /// Hard limit on one POST, answer included: the original agent's `httpx.AsyncClient(timeout=5.0)`.
    package var deadline: Duration
    /// Analyses kept while 3002 is unreachable. At about 1 KiB each, 1000 is a
    /// long outage's worth of orders in well under a few MiB.
    package var capacity: Int
    package var fullPolicy: Outbox.FullPolicy
    package var backoff: Outbox.Backoff
    /// `--outbox PATH`: keep the outbox in this file across restarts; nil keeps it in memory only.
    package var outboxPath: String?
    /// A planted bug (the agent's `PlantedBugs.outboxDropsFailedDelivery`): an analysis
    /// whose delivery failed is given up instead of retried. Debug builds only.
    package var plantedDropsFailedDelivery = false

    package init(
        endpoint: BackendEndpoint, deadline: Duration = .seconds(5), capacity: Int = 1000,
        fullPolicy: Outbox.FullPolicy = .dropOldest, backoff: Outbox.Backoff = Outbox.Backoff(), outboxPath: String? = nil
    ) {
        self.endpoint = endpoint
        self.deadline = deadline
        self.capacity = capacity
        self.fullPolicy = fullPolicy
        self.backoff = backoff
        self.outboxPath = outboxPath
    }
}
