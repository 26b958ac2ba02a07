/// Says a repeated event at most once per `interval`, and then how many went
/// unsaid: a flood of refused connections costs one log line a second, not
/// one per connection, and the count still tells the operator how big it was.
package struct LogThrottle: Sendable {
    package let interval: Duration
    private var lastSaid: Duration?
    private var unsaid = 0

    package init(interval: Duration) {
        self.interval = interval
    }

    /// nil: stay quiet this time. Otherwise say it, with the number of events left unsaid since the last line.
    package mutating func say(at now: Duration) -> Int? {
        if let lastSaid, now - lastSaid < interval {
            unsaid += 1
            return nil
        }
        defer {
            lastSaid = now
            unsaid = 0
        }
        return unsaid
    }
}
