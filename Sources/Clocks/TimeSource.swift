/// The one way every timer in this project reads time and waits.
///
/// Everything that waits (reply timeouts, keepalive, the simulator's flight
/// model, the outbox's backoff) takes a `TimeSource` instead of reading a
/// clock, so tests and scenarios can run on `VirtualTime` and replay a
/// 10-minute flight in milliseconds with the same result every run.
///
/// Time is a `Duration` since the source's own origin: monotonic, never
/// wall-clock, and cheap to compare.
public protocol TimeSource: Sendable {
    /// Monotonic time elapsed since this source's origin.
    var now: Duration { get }

    /// Suspends until `now >= deadline`.
    ///
    /// Throws `CancellationError` if the calling task is cancelled first, and
    /// returns at once if the deadline has already passed.
    func sleep(until deadline: Duration) async throws
}

extension TimeSource {
    /// Suspends for `duration` of this source's time.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}

extension Duration {
    /// Seconds as a floating-point value, for arithmetic in physical models.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded toward zero.
    public var milliseconds: Int64 {
        let (s, attoseconds) = components
        return s * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
