/// What the network does to traffic on a link, drawn from the network's seed.
///
/// Datagrams: each is lost with probability `loss`, or delivered after
/// `delay` plus a uniform share of `jitter`, and with probability
/// `duplication` delivered twice (each copy with its own delay). Jitter is
/// how datagrams overtake each other: the reorder fault.
///
/// Streams are ordered, lossless and immediate here (TCP hides loss and
/// reordering from its reader); what breaks them are events:
/// `MemoryNetwork.reset` (an RST) and `MemoryNetwork.halfClose` (a FIN).
/// A partition (`MemoryNetwork.partition`) drops datagrams.
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
