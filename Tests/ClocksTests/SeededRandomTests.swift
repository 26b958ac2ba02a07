import Clocks
import Testing

@Suite("SeededRandom")
struct SeededRandomTests {
    @Test func isTheReferenceSplitMix64Sequence() {
        // First outputs of SplitMix64 seeded with 0 (reference implementation by Vigna).
        var random = SeededRandom(seed: 0)
        let first = random.next()
        #expect(first == 0xE220_A839_7B1D_CDAF)
        let second = random.next()
        #expect(second == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func chanceNeverDrawsAtTheEdgesAndReplaysForASeed() {
        var edges = SeededRandom(seed: 5)
        #expect(!edges.chance(0) && edges.chance(1))
        var fresh = SeededRandom(seed: 5)
        #expect(edges.next() == fresh.next())
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        #expect((0..<100).map { _ in a.chance(0.5) } == (0..<100).map { _ in b.chance(0.5) })
    }
}
