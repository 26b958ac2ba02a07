/// residual_block_cavlc() (clause 7.3.5.3.2 and 9.2) for one block of coefficient levels.
enum CAVLC {
    /// Writes `levels` (already in scan order, `levels.count` == maxNumCoeff) and returns
    /// TotalCoeff, which the neighbouring blocks' nC is computed from.
    /// `nC` is -1 for chroma DC, otherwise the clause 9.2.1 prediction.
    @discardableResult
    static func writeBlock(_ levels: UnsafeBufferPointer<Int32>, nC: Int, to writer: inout BitWriter) -> Int {
        let maxCount = levels.count
        var totalCoeff = 0
        var lastIndex = -1
        for index in 0..<maxCount where levels[index] != 0 {
            totalCoeff += 1
            lastIndex = index
        }
        // Non-zero levels from the highest frequency down, and the zero run below each.
        var nonZero = [Int32](repeating: 0, count: 16)
        var runs = [Int](repeating: 0, count: 16)
        var found = 0
        var run = 0
        var index = lastIndex
        while index >= 0 {
            if levels[index] != 0 {
                if found > 0 { runs[found - 1] = run }
                nonZero[found] = levels[index]
                found += 1
                run = 0
            } else {
                run += 1
            }
            index -= 1
        }
        if found > 0 { runs[found - 1] = run }
        var trailingOnes = 0
        while trailingOnes < min(3, totalCoeff) && abs(nonZero[trailingOnes]) == 1 { trailingOnes += 1 }

        let tokenIndex = totalCoeff * 4 + trailingOnes
        if nC < 0 {
            writer.write(UInt32(CAVLCTables.chromaDCCoeffTokenValue[tokenIndex]),
                         bits: Int(CAVLCTables.chromaDCCoeffTokenLength[tokenIndex]))
        } else {
            let table = nC < 2 ? 0 : nC < 4 ? 1 : nC < 8 ? 2 : 3
            writer.write(UInt32(CAVLCTables.coeffTokenValue[table][tokenIndex]),
                         bits: Int(CAVLCTables.coeffTokenLength[table][tokenIndex]))
        }
        guard totalCoeff > 0 else { return 0 }

        for one in 0..<trailingOnes { writer.write(nonZero[one] < 0 ? 1 : 0, bits: 1) }
        var suffixLength = totalCoeff > 10 && trailingOnes < 3 ? 1 : 0
        for position in trailingOnes..<totalCoeff {
            let level = nonZero[position]
            var levelCode = level > 0 ? 2 * Int(level) - 2 : -2 * Int(level) - 1
            if position == trailingOnes && trailingOnes < 3 { levelCode -= 2 }
            writeLevel(code: levelCode, suffixLength: suffixLength, to: &writer)
            if suffixLength == 0 { suffixLength = 1 }
            if Int(abs(level)) > (3 << (suffixLength - 1)) && suffixLength < 6 { suffixLength += 1 }
        }

        if totalCoeff < maxCount {
            let totalZeros = lastIndex + 1 - totalCoeff
            if maxCount == 4 {
                writer.write(UInt32(CAVLCTables.chromaDCTotalZerosValue[totalCoeff - 1][totalZeros]),
                             bits: Int(CAVLCTables.chromaDCTotalZerosLength[totalCoeff - 1][totalZeros]))
            } else {
                writer.write(UInt32(CAVLCTables.totalZerosValue[totalCoeff - 1][totalZeros]),
                             bits: Int(CAVLCTables.totalZerosLength[totalCoeff - 1][totalZeros]))
            }
            var zerosLeft = totalZeros
            var position = 0
            while zerosLeft > 0 && position < totalCoeff - 1 {
                let runBefore = runs[position]
                let row = min(zerosLeft, 7) - 1
                writer.write(UInt32(CAVLCTables.runBeforeValue[row][runBefore]),
                             bits: Int(CAVLCTables.runBeforeLength[row][runBefore]))
                zerosLeft -= runBefore
                position += 1
            }
        }
        return totalCoeff
    }

    /// level_prefix (unary) and level_suffix for one levelCode (clause 9.2.2.1, inverted).
    /// Baseline caps level_prefix at 15, so callers keep levels within that reach.
    static func writeLevel(code levelCode: Int, suffixLength: Int, to writer: inout BitWriter) {
        let prefix: Int
        let suffix: Int
        let suffixSize: Int
        if suffixLength == 0 {
            if levelCode < 14 {
                prefix = levelCode; suffix = 0; suffixSize = 0
            } else if levelCode < 30 {
                prefix = 14; suffix = levelCode - 14; suffixSize = 4
            } else {
                prefix = 15; suffix = levelCode - 30; suffixSize = 12
            }
        } else if levelCode < (15 << suffixLength) {
            prefix = levelCode >> suffixLength
            suffix = levelCode & ((1 << suffixLength) - 1)
            suffixSize = suffixLength
        } else {
            prefix = 15; suffix = levelCode - (15 << suffixLength); suffixSize = 12
        }
        precondition(suffix < (1 << suffixSize) || suffixSize == 0, "level beyond Baseline's reach")
        writer.write(1, bits: prefix + 1)
        writer.write(UInt32(suffix), bits: suffixSize)
    }

    /// The largest |level| a block may carry whatever its suffixLength: the escape with
    /// suffixLength 0 reaches levelCode 30 + 4095 (Baseline allows no longer prefix).
    static let maximumLevel: Int32 = 2047
}
