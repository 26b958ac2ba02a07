/// What the network does to traffic on a link, drawn from the network's seed.
///
/// Datagrams: each is lost with probability `loss`, or delivered after
/// `delay` plus a uniform share of `jitter`, and with probability
/// `duplication` delivered twice (each copy with its own delay). Jitter is
/// how datagrams overtake each other: the reorder fault.
///
/// Streams keep their order and lose nothing (TCP retransmits), so for them
/// only `delay` and `jitter` apply: each write arrives after its delay, never
/// before an earlier write's bytes. Resets and half-closes are events, not
/// rates (`MemoryNetwork.reset`, `MemoryNetwork.halfClose`); a partition is
/// a state (`MemoryNetwork.partition`).
public struct LinkFaults: Sendable, Equatable, CustomStringConvertible {
    /// Probability (0...1) that a datagram is lost.
    public var loss: Double
    /// Probability (0...1) that a datagram arrives twice.
    public var duplication: Double
    /// Time every datagram or write spends on the wire.
    public var delay: Duration
    /// Up to this much more, uniform per datagram or write.
    public var jitter: Duration

    public init(loss: Double = 0, duplication: Double = 0, delay: Duration = .zero, jitter: Duration = .zero) {
        self.loss = min(max(loss, 0), 1)
        self.duplication = min(max(duplication, 0), 1)
        self.delay = max(delay, .zero)
        self.jitter = max(jitter, .zero)
    }

    /// A perfect link: nothing lost, duplicated or delayed.
    public static let none = LinkFaults()

    public var description: String {
        "loss \(loss), duplication \(duplication), delay \(delay), jitter \(jitter)"
    }
}
