import H264
import Testing

/// Bit strings hand-derived from clause 9.1 (Table 9-2 lists codeNum 0..8 and the bit strings).
@Suite struct BitWriterTests {
    private func bits(_ body: (inout BitWriter) -> Void) -> String {
        var writer = BitWriter()
        body(&writer)
        let count = writer.bitCount
        writer.write(0, bits: (8 - count % 8) % 8)
        let all = writer.bytes.map { byte in
            (0..<8).map { (byte >> (7 - $0)) & 1 == 1 ? "1" : "0" }.joined()
        }.joined()
        return String(all.prefix(count))
    }

    @Test func fixedWidthFieldsAreMostSignificantBitFirst() {
        #expect(bits { $0.write(0b101, bits: 3); $0.write(0xFF, bits: 4) } == "1011111")
        #expect(bits { $0.write(0x1234_5678, bits: 32) } == "00010010001101000101011001111000")
        #expect(bits { $0.write(flag: true); $0.write(flag: false) } == "10")
    }

    @Test func unsignedExpGolombMatchesTable9_2() {
        let expected = ["1", "010", "011", "00100", "00101", "00110", "00111", "0001000", "0001001"]
        for (codeNum, string) in expected.enumerated() {
            #expect(bits { $0.writeUnsignedExpGolomb(UInt32(codeNum)) } == string, "ue(\(codeNum))")
        }
        #expect(bits { $0.writeUnsignedExpGolomb(254) } == "000000011111111")
    }

    @Test func signedExpGolombMapsAsTable9_3() {
        // Table 9-3: codeNum 0, 1, 2, 3, 4 are 0, 1, -1, 2, -2.
        #expect(bits { $0.writeSignedExpGolomb(0) } == "1")
        #expect(bits { $0.writeSignedExpGolomb(1) } == "010")
        #expect(bits { $0.writeSignedExpGolomb(-1) } == "011")
        #expect(bits { $0.writeSignedExpGolomb(2) } == "00100")
        #expect(bits { $0.writeSignedExpGolomb(-2) } == "00101")
        #expect(bits { $0.writeSignedExpGolomb(-26) } == "00000110101")
    }

    @Test func trailingBitsStopAndAlign() {
        var writer = BitWriter()
        for value in 0...3 { writer.writeUnsignedExpGolomb(UInt32(value)) }
        writer.writeTrailingBits()
        // 1 010 011 00100, stop bit 1, then 000: 1010 0110 0100 1000.
        #expect(writer.alignedBytes == [0xA6, 0x48])
        var aligned = BitWriter()
        aligned.write(0xAB, bits: 8)
        aligned.writeTrailingBits()
        #expect(aligned.alignedBytes == [0xAB, 0x80])
    }

    @Test func emulationPreventionEscapesEveryStartCodePrefix() {
        func wrap(_ payload: [UInt8]) -> [UInt8] {
            Array(NALUnit(kind: .nonIDRSlice, referenceIndicator: 2, payload: payload).encapsulated.dropFirst())
        }
        #expect(wrap([0, 0, 0]) == [0, 0, 3, 0])
        #expect(wrap([0, 0, 1]) == [0, 0, 3, 1])
        #expect(wrap([0, 0, 2]) == [0, 0, 3, 2])
        #expect(wrap([0, 0, 3]) == [0, 0, 3, 3])
        #expect(wrap([0, 0, 4]) == [0, 0, 4])
        #expect(wrap([0, 0, 0, 0, 0]) == [0, 0, 3, 0, 0, 3, 0])
        #expect(wrap([1, 0, 0, 3, 0, 0, 2]) == [1, 0, 0, 3, 3, 0, 0, 3, 2])
        #expect(wrap([0, 5, 0, 0]) == [0, 5, 0, 0])
    }

    @Test func headerAndStartCode() {
        let sps = NALUnit(kind: .sequenceParameterSet, referenceIndicator: 3, payload: [0x42])
        #expect(sps.annexB == [0, 0, 0, 1, 0x67, 0x42])
        let sei = NALUnit(kind: .supplementalEnhancementInformation, referenceIndicator: 0, payload: [0x80])
        #expect([sps, sei].annexB == [0, 0, 0, 1, 0x67, 0x42, 0, 0, 0, 1, 0x06, 0x80])
    }
}
