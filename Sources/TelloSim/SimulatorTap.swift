/// What passes the simulated drone's UDP front, as it passes: for an observer
/// that draws a run afterwards (the scenario runner's trace). The tap only
/// watches; it never changes what the drone does or when.
public enum SimulatorTapEvent: Sendable {
    /// A command datagram arrived; `outcome` says what became of it (lost, forced reply, carried out).
    case command(text: String, outcome: String)
    /// A reply (or a binary datagram, `text` in hex) was queued for the client.
    case reply(text: String, binary: Bool)
    /// A state tick: the line sent (nil if a fault lost it) and the drone as it really was then.
    case state(line: String?, truth: GroundTruth)
}

extension SimulatedTello.Configuration {
    /// Called on the drone's actor for each event; keep it short (append under a lock).
    public typealias Tap = @Sendable (SimulatorTapEvent) -> Void
}
