import AgentAssembly
import Clocks
import Synchronization

/// The agent's queues (`TelloAgent.queueSizes`) read every `interval` of
/// scenario time while a run lasts: what the explorer's `bounded` invariant
/// measures. A queue that grows without bound is seen growing, whatever it
/// logs.
package final class QueueSamples: Sendable {
    package struct Sample: Sendable {
        /// Scenario time of the reading.
        package var time: Duration
        package var sizes: QueueSizes
    }

    /// How often the queues are read: a queue that runs away grows for tens
    /// of seconds (a stalled client's, until the keepalive ends it), and
    /// reading more often only costs the explorer time.
    package static let interval: Duration = .seconds(5)

    private let stored = Mutex<[Sample]>([])

    package init() {}

    package var all: [Sample] { stored.withLock { $0 } }

    /// Reads `agent`'s queues every `interval` of `time` until cancelled.
    func sample(_ agent: TelloAgent, time: any TimeSource) async {
        while true {
            do { try await time.sleep(for: Self.interval) } catch { return }
            let sizes = await agent.queueSizes()
            let now = time.now
            stored.withLock { $0.append(Sample(time: now, sizes: sizes)) }
        }
    }
}
