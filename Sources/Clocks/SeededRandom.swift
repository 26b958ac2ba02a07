/// The project's one seeded random generator: SplitMix64 (Steele, Lea &
/// Flood, "Fast splittable pseudorandom number generators", 2014).
///
/// Module Clocks holds the project's injectable sources of nondeterminism:
/// time (`TimeSource`) and randomness (this). Anything random that must
/// replay — the simulator's fault rolls, a scenario client's masks and
/// nonces, randomized tests — takes a `SeededRandom`, so the same seed gives
/// the same sequence on every run and platform, and a failure reproduces
/// exactly. Not for secrets: production masking keys use
/// `SystemRandomNumberGenerator`.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p` (0: never, 1: always; no draw is wasted on either).
    public mutating func chance(_ p: Double) -> Bool {
        if p <= 0 { return false }
        if p >= 1 { return true }
        return Double(next() >> 11) * 0x1p-53 < p
    }
}
