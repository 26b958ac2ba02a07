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
/// `seconds` of wall time; throws `TimedOut` naming `what` otherwise. For state
/// another task or thread changes (a waiter parked on a clock, a line logged):
/// a passing test returns as soon as the condition holds, never after a fixed sleep.
public func eventually(
    _ what: String = "the condition", within seconds: Double = 5, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(what, seconds: seconds) }
        try await Task.sleep(for: .milliseconds(1))
    }
}
