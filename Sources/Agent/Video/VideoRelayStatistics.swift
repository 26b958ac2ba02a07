/// What the relay has done: pictures assembled and passed on, and the time
/// it added to each picture (from its last datagram's arrival until every
/// viewer's queue held it), for the most recent pictures.
package struct VideoRelayStatistics: Sendable {
    package var pictures = 0
    package var keyframes = 0
    package var bytes = 0
    /// Datagram bytes thrown away before the stream was in step, or as an oversized picture.
    package var discardedBytes = 0
    package var viewers: [String: ViewerFigures] = [:]
    /// Most recent first-to-last fan-out times, oldest overwritten first.
    package private(set) var latencies: [Duration] = []
    private var nextSlot = 0

    mutating func record(latency: Duration, limit: Int) {
        if latencies.count < limit {
            latencies.append(latency)
        } else {
            latencies[nextSlot] = latency
            nextSlot = (nextSlot + 1) % limit
        }
    }

    /// The `fraction` quantile (0.5, 0.99) of the kept latencies; nil before any picture was relayed to a viewer.
    package func latency(quantile fraction: Double) -> Duration? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}

package struct ViewerFigures: Sendable, Equatable {
    package var delivered: Int
    package var dropped: Int
}
