import Clocks

/// Seeded noise for one state line: a pure function of the drone's seed and the
/// 100 ms tick, so the same flight reads the same noise however often it is asked.
struct TelemetryNoise {
    private let base: UInt64

    init(seed: UInt64, time: Duration) {
        let tick = UInt64(truncatingIfNeeded: time.components.seconds &* 10 &+ time.components.attoseconds / 100_000_000_000_000_000)
        base = seed &* 0x9E37_79B9_7F4A_7C15 ^ tick
    }

    /// A whole number in -amplitude...amplitude for field `index` (0 when the amplitude is 0).
    func value(_ index: UInt64, amplitude: Int) -> Int {
        guard amplitude > 0 else { return 0 }
        var random = SeededRandom(seed: base &+ index &* 0xBF58_476D_1CE4_E5B9)
        return Int.random(in: -amplitude...amplitude, using: &random)
    }
}
