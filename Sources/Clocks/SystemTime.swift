/// Production time: the continuous (monotonic) clock, optionally scaled.
///
/// `scale` is simulated seconds per wall second (`tello-sim --time-scale`):
/// with 10, a 15 s auto-land fires after 1.5 s of wall time.
public struct SystemTime: TimeSource, Equatable {
    private let origin: ContinuousClock.Instant
    public let scale: Double

    public init(scale: Double = 1) {
        precondition(scale > 0 && scale.isFinite, "time scale must be a positive number")
        self.origin = ContinuousClock.now
        self.scale = scale
    }

    public var now: Duration {
        let wall = ContinuousClock.now - origin
        return scale == 1 ? wall : wall * scale
    }

    public func sleep(until deadline: Duration) async throws {
        let remaining = deadline - now
        if remaining <= .zero {
            try Task.checkCancellation()
            return
        }
        let wall = scale == 1 ? remaining : remaining / scale
        // Not `Task.sleep`: a cancelled one keeps its timer until the deadline (see `WallSleep`).
        try await WallSleep().wait(for: wall)
    }
}
