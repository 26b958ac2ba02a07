import Testing
@testable import WebSocketCodec

@Suite struct UTF8ValidatorTests {
    private func valid(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.feed(bytes) && validator.isAtCharacterBoundary
    }

    @Test func acceptsWellFormedText() {
        #expect(valid(Array("κόσμε 起飞 🚁 ascii".utf8)))
        #expect(valid([0xED, 0x9F, 0xBF]))          // U+D7FF
        #expect(valid([0xEE, 0x80, 0x80]))          // U+E000
        #expect(valid([0xF4, 0x8F, 0xBF, 0xBF]))    // U+10FFFF
        #expect(valid([]))
    }

    /// Cases from the Autobahn 6.x family: overlongs, surrogates, out of range, stray bytes.
    @Test(arguments: [
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0x80], [0xBF], [0xFE], [0xFF], [0xCE, 0xBA, 0xE1, 0xBD], [0xE1, 0x41],
    ] as [[UInt8]])
    func rejectsIllFormed(bytes: [UInt8]) {
        #expect(!valid(bytes))
    }

    /// Fail fast: the verdict comes at the first impossible byte, across chunks.
    @Test func failsAtTheFirstImpossibleByteAcrossChunks() {
        var validator = UTF8Validator()
        let verdicts = [validator.feed([0x48, 0xF0]), validator.isAtCharacterBoundary,
                        validator.feed([0x9F]), validator.feed([0x41, 0x41]), validator.feed([0x41])]
        #expect(verdicts == [true, false, true, false, false])
    }

    @Test func splitsAnywhereAgreeWithWhole() {
        let text = Array("飞行 🚁 κόσμε".utf8)
        for split in 0...text.count {
            var validator = UTF8Validator()
            let verdicts = [validator.feed(text[..<split]), validator.feed(text[split...]), validator.isAtCharacterBoundary]
            #expect(verdicts == [true, true, true], "split at \(split)")
        }
    }
}
