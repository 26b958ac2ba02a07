/// Link loss and recovery: two unanswered commands in a row, or silence on
/// the network timeline once the state stream was seen; any datagram restores it.
extension DroneLinkMachine {
    /// When, on the network timeline, silence means a lost link (nil: not watched).
    package var silenceDeadline: Duration? {
        guard linkUp, stateSeen, let lastHeard else { return nil }
        return lastHeard + config.silenceLimit
    }

    mutating func heard(network: Duration) -> [Action] {
        lastHeard = network
        guard !linkUp else { return [] }
        linkUp = true
        return [.linkRestored]
    }

    mutating func countTimeout(_ text: String) -> [Action] {
        consecutiveTimeouts += 1
        guard linkUp, consecutiveTimeouts >= config.timeoutsForLinkLoss else { return [] }
        linkUp = false
        return [.linkLost("\(consecutiveTimeouts) commands unanswered in a row, last: \(text)")]
    }
}
