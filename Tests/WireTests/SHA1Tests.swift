import Clocks
import Testing
@testable import WebSocketCodec

@Suite struct SHA1Tests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// FIPS 180 example vectors (NIST CSRC "SHA1.pdf" and FIPS 180-1 appendix).
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "a49b2446a02c645bf419f995b67091253a04a259"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func standardVectors(input: String, expected: String) {
        #expect(hex(SHA1.digest(Array(input.utf8))) == expected)
    }

    @Test func oneMillionLetterA() {
        var hasher = SHA1()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hex(hasher.finalize()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// Block-boundary lengths exercise the one- and two-block padding paths;
    /// every split of the input must give the digest of the whole.
    @Test func incrementalSplitsMatchOneShot() {
        var generator = SeededRandom(seed: 7)
        for length in [55, 56, 63, 64, 65, 119, 120, 200] {
            let input = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = SHA1.digest(input)
            let split = Int.random(in: 0...length, using: &generator)
            var hasher = SHA1()
            hasher.update(input[..<split])
            hasher.update(input[split...])
            #expect(hasher.finalize() == whole, "length \(length) split at \(split)")
        }
    }
}
