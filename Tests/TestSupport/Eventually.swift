/// A test waited longer than its bound for something real (sockets, threads,
/// another process) to happen.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public let seconds: Double
    public init(_ what: String, seconds: Double) {
        self.what = what
        self.seconds = seconds
    }
    public var description: String { "timed out after \(seconds) s waiting for \(what)" }
}

/// Waits, polling every millisecond, until `condition` holds, for at most
/// `seconds` of waiting; throws `TimedOut` naming `what` otherwise. For state
/// another task or thread changes (a waiter parked on a clock, a line logged):
/// a passing test returns as soon as the condition holds, never after a fixed
/// sleep.
///
/// The budget counts the time between polls, each gap at most `maximumGap`:
/// when tests running alongside keep the cooperative pool busy (the first
/// seconds of a full `swift test`), neither this poller nor the work it waits
/// for runs, and that stall is not held against the work.
public func eventually(
    _ what: String = "the condition", within seconds: Double = 5, _ condition: () async throws -> Bool
) async throws {
    let budget = Duration.seconds(seconds)
    var waited = Duration.zero
    var last = ContinuousClock.now
    while try await !condition() {
        guard waited < budget else { throw TimedOut(what, seconds: seconds) }
        try await Task.sleep(for: .milliseconds(1))
        let now = ContinuousClock.now
        waited += min(now - last, maximumGap)
        last = now
    }
}

/// The longest gap between two polls that counts in full against a budget.
let maximumGap = Duration.milliseconds(100)
