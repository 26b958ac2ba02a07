@testable import H264
import Testing

/// CAVLC tables and block coding against bit strings written out from clause 9.2's tables
/// and the worked example every H.264 text uses.
@Suite struct CAVLCTests {
    private func code(_ lengths: [UInt8], _ values: [UInt8], _ index: Int) -> String {
        let length = Int(lengths[index])
        return String((0..<length).map { (Int(values[index]) >> (length - 1 - $0)) & 1 == 1 ? "1" : "0" })
    }

    private func bits(_ writer: BitWriter) -> String {
        var copy = writer
        let count = copy.bitCount
        copy.write(0, bits: (8 - count % 8) % 8)
        let all = copy.bytes.map { byte in (0..<8).map { (byte >> (7 - $0)) & 1 == 1 ? "1" : "0" }.joined() }.joined()
        return String(all.prefix(count))
    }

    @Test func coeffTokenEntriesMatchTable9_5() {
        let (len, val) = (CAVLCTables.coeffTokenLength, CAVLCTables.coeffTokenValue)
        // (totalCoeff, trailingOnes) -> bit string, 0 <= nC < 2.
        let small: [(Int, Int, String)] = [
            (0, 0, "1"), (1, 0, "000101"), (1, 1, "01"), (2, 0, "00000111"), (2, 1, "000100"),
            (2, 2, "001"), (3, 3, "00011"), (16, 3, "0000000000001000"),
        ]
        for (total, ones, string) in small {
            #expect(code(len[0], val[0], total * 4 + ones) == string, "nC<2 \(total)/\(ones)")
        }
        #expect(code(len[1], val[1], 0) == "11")
        #expect(code(len[1], val[1], 1 * 4 + 1) == "10")
        #expect(code(len[2], val[2], 0) == "1111")
        #expect(code(len[3], val[3], 0) == "000011")
        #expect(code(len[3], val[3], 1 * 4 + 0) == "000000")
        #expect(code(len[3], val[3], 16 * 4 + 3) == "111111")
        #expect(code(CAVLCTables.chromaDCCoeffTokenLength, CAVLCTables.chromaDCCoeffTokenValue, 0) == "01")
        #expect(code(CAVLCTables.chromaDCCoeffTokenLength, CAVLCTables.chromaDCCoeffTokenValue, 5) == "1")
    }

    /// Every table is a prefix code: no codeword starts another, so a decoder reads each
    /// one unambiguously. A single wrong entry almost always breaks this.
    @Test func everyTableIsPrefixFree() {
        func prefixFree(_ lengths: [UInt8], _ values: [UInt8]) -> Bool {
            let codes = lengths.indices.filter { lengths[$0] > 0 }.map { code(lengths, values, $0) }
            for (i, a) in codes.enumerated() {
                for (j, b) in codes.enumerated() where i != j && b.hasPrefix(a) { return false }
            }
            return true
        }
        for table in 0..<4 {
            #expect(prefixFree(CAVLCTables.coeffTokenLength[table], CAVLCTables.coeffTokenValue[table]), "coeff_token \(table)")
        }
        #expect(prefixFree(CAVLCTables.chromaDCCoeffTokenLength, CAVLCTables.chromaDCCoeffTokenValue))
        for row in 0..<15 {
            #expect(prefixFree(CAVLCTables.totalZerosLength[row], CAVLCTables.totalZerosValue[row]), "total_zeros \(row + 1)")
            #expect(CAVLCTables.totalZerosLength[row].count == 16 - row)
        }
        for row in 0..<3 {
            #expect(prefixFree(CAVLCTables.chromaDCTotalZerosLength[row], CAVLCTables.chromaDCTotalZerosValue[row]))
        }
        for row in 0..<7 {
            #expect(prefixFree(CAVLCTables.runBeforeLength[row], CAVLCTables.runBeforeValue[row]), "run_before \(row + 1)")
        }
    }

    @Test func totalZerosAndRunBeforeEntries() {
        let (tzl, tzv) = (CAVLCTables.totalZerosLength, CAVLCTables.totalZerosValue)
        #expect(code(tzl[0], tzv[0], 0) == "1")
        #expect(code(tzl[0], tzv[0], 1) == "011")
        #expect(code(tzl[0], tzv[0], 15) == "000000001")
        #expect(code(tzl[14], tzv[14], 1) == "1")
        let (rbl, rbv) = (CAVLCTables.runBeforeLength, CAVLCTables.runBeforeValue)
        #expect(code(rbl[0], rbv[0], 0) == "1")
        #expect(code(rbl[6], rbv[6], 0) == "111")
        #expect(code(rbl[6], rbv[6], 14) == "00000000001")
    }

    /// The classic worked example: levels 0 3 -1 0 / 0 -1 1 0 / 1 0 0 0 / 0 0 0 0 in
    /// raster order, nC 0. TotalCoeff 5, three trailing ones, total_zeros 3.
    @Test func workedExampleBlock() {
        let raster: [Int32] = [0, 3, -1, 0, 0, -1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
        let scan = Transform.zigZag.map { raster[$0] }
        var writer = BitWriter()
        let total = scan.withUnsafeBufferPointer { CAVLC.writeBlock($0, nC: 0, to: &writer) }
        #expect(total == 5)
        // coeff_token, trailing-one signs (+ - -), level +1, level +3, total_zeros, run_before x4.
        #expect(bits(writer) == "0000100" + "011" + "1" + "0010" + "111" + "10" + "1" + "1" + "01")
    }

    @Test func emptyBlocksAndChromaDC() {
        var writer = BitWriter()
        [Int32](repeating: 0, count: 16).withUnsafeBufferPointer { _ = CAVLC.writeBlock($0, nC: 5, to: &writer) }
        #expect(bits(writer) == "1111")
        var dc = BitWriter()
        // Chroma DC (nC -1): one coefficient -1 at index 0: token "1", sign "1", total_zeros 0 "1".
        [Int32]([-1, 0, 0, 0]).withUnsafeBufferPointer { _ = CAVLC.writeBlock($0, nC: -1, to: &dc) }
        #expect(bits(dc) == "111")
    }

    @Test func levelEscapesFollowClause9_2_2() {
        // suffixLength 0: levelCode 13 is 13 zeros and a one; 14...29 take prefix 14 and 4 bits.
        var a = BitWriter(); CAVLC.writeLevel(code: 13, suffixLength: 0, to: &a)
        #expect(bits(a) == String(repeating: "0", count: 13) + "1")
        var b = BitWriter(); CAVLC.writeLevel(code: 20, suffixLength: 0, to: &b)
        #expect(bits(b) == String(repeating: "0", count: 14) + "1" + "0110")
        var c = BitWriter(); CAVLC.writeLevel(code: 30, suffixLength: 0, to: &c)
        #expect(bits(c) == String(repeating: "0", count: 15) + "1" + "000000000000")
        var d = BitWriter(); CAVLC.writeLevel(code: 5, suffixLength: 2, to: &d)
        #expect(bits(d) == "01" + "01")
    }
}
