/// A test waited longer than its bound for something to happen: something
/// real (sockets, threads, another process), or in a `Simulation`, its
/// virtual time.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public let seconds: Double
    /// The bound was virtual time (a `Simulation`'s), not the wall clock's.
    public let virtual: Bool
    public init(_ what: String, seconds: Double, virtual: Bool = false) {
        self.what = what
        self.seconds = seconds
        self.virtual = virtual
    }
    public var description: String { "timed out after \(seconds) s\(virtual ? " of virtual time" : "") waiting for \(what)" }
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
///
/// In a `Simulation` nothing is polled: the condition is looked at again
/// each time the simulated system has gone idle after a change, and the
/// bound is `Simulation.virtualBound(seconds)` of virtual time.
public func eventually(
    _ what: String = "the condition", within seconds: Double = 5, _ condition: () async throws -> Bool
) async throws {
    if let simulation = Simulation.current {
        try await simulation.until(what, within: Simulation.virtualBound(seconds), condition)
        return
    }
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
