/// macroblock_layer() (clause 7.3.5) for the two macroblock kinds this encoder codes,
/// and the residual() order of clause 7.3.5.3. Also records each block's TotalCoeff.
extension MacroblockCoder {
    /// I_16x16 (mb_type 1...24 in I slices, 5 more in P slices, Table 7-11).
    func writeIntra16x16(mbX: Int, mbY: Int, lumaMode: Prediction.LumaMode, chromaMode: Prediction.ChromaMode,
                         codedLuma: Int, codedChroma: Int, inPSlice: Bool, to writer: inout BitWriter) {
        let mbType = (inPSlice ? 5 : 0) + 1 + lumaMode.rawValue + 4 * codedChroma + (codedLuma == 15 ? 12 : 0)
        writer.writeUnsignedExpGolomb(UInt32(mbType))
        writer.writeUnsignedExpGolomb(UInt32(chromaMode.rawValue))
        writer.writeSignedExpGolomb(0)  // mb_qp_delta: one QP for the picture
        var scan = [Int32](repeating: 0, count: 16)
        for k in 0..<16 { scan[k] = lumaDC[Transform.zigZag[k]] }
        scan.withUnsafeBufferPointer { levels in
            _ = CAVLC.writeBlock(levels, nC: lumaNC(mbX * 4, mbY * 4), to: &writer)
        }
        writeLumaBlocks(mbX: mbX, mbY: mbY, pattern: codedLuma, firstCoefficient: 1, to: &writer)
        writeChroma(mbX: mbX, mbY: mbY, pattern: codedChroma, to: &writer)
    }

    /// P_L0_16x16 with one reference picture, so no ref_idx_l0 (Table 7-13).
    func writeInter16x16(mbX: Int, mbY: Int, mvdX: Int, mvdY: Int, codedLuma: Int, codedChroma: Int,
                         to writer: inout BitWriter) {
        writer.writeUnsignedExpGolomb(0)
        writer.writeSignedExpGolomb(Int32(mvdX))
        writer.writeSignedExpGolomb(Int32(mvdY))
        let pattern = codedLuma | codedChroma << 4
        writer.writeUnsignedExpGolomb(UInt32(CAVLCTables.interCodedBlockPatternCodeNum[pattern]))
        if pattern > 0 {
            writer.writeSignedExpGolomb(0)  // mb_qp_delta
        }
        writeLumaBlocks(mbX: mbX, mbY: mbY, pattern: codedLuma, firstCoefficient: 0, to: &writer)
        writeChroma(mbX: mbX, mbY: mbY, pattern: codedChroma, to: &writer)
    }

    /// residual() for macroblocks with 4x4 luma blocks: luma by pattern bit, then chroma.
    func writeResidual(mbX: Int, mbY: Int, codedLuma: Int, firstCoefficient: Int, codedChroma: Int, to writer: inout BitWriter) {
        writeLumaBlocks(mbX: mbX, mbY: mbY, pattern: codedLuma, firstCoefficient: firstCoefficient, to: &writer)
        writeChroma(mbX: mbX, mbY: mbY, pattern: codedChroma, to: &writer)
    }

    /// A skipped macroblock codes nothing; its blocks count as empty for later nC.
    func clearCounts(mbX: Int, mbY: Int) {
        let stride = widthInMacroblocks * 4
        for row in 0..<4 {
            for column in 0..<4 { lumaCounts[(mbY * 4 + row) * stride + mbX * 4 + column] = 0 }
        }
        let chromaStride = widthInMacroblocks * 2
        for component in 0..<2 {
            for block in 0..<4 {
                chromaCounts[component][(mbY * 2 + block / 2) * chromaStride + mbX * 2 + block % 2] = 0
            }
        }
    }

    /// The 16 luma 4x4 blocks in luma4x4BlkIdx order; 8x8 quadrants whose pattern bit is
    /// clear are not coded. Intra_16x16 AC blocks start at coefficient 1 (15 levels).
    private func writeLumaBlocks(mbX: Int, mbY: Int, pattern: Int, firstCoefficient: Int, to writer: inout BitWriter) {
        let stride = widthInMacroblocks * 4
        var scan = [Int32](repeating: 0, count: 16 - firstCoefficient)
        for block in 0..<16 {
            let gx = mbX * 4 + Self.blockX[block], gy = mbY * 4 + Self.blockY[block]
            var count = 0
            if pattern & (1 << (block / 4)) != 0 {
                let levels = lumaLevels + block * 16
                for k in firstCoefficient..<16 { scan[k - firstCoefficient] = levels[Transform.zigZag[k]] }
                let nC = lumaNC(gx, gy)
                count = scan.withUnsafeBufferPointer { CAVLC.writeBlock($0, nC: nC, to: &writer) }
            }
            lumaCounts[gy * stride + gx] = UInt8(count)
        }
    }

    private func writeChroma(mbX: Int, mbY: Int, pattern: Int, to writer: inout BitWriter) {
        if pattern > 0 {
            for component in 0..<2 {
                let dc = UnsafeBufferPointer(start: chromaDC + component * 4, count: 4)
                _ = CAVLC.writeBlock(dc, nC: -1, to: &writer)
            }
        }
        let stride = widthInMacroblocks * 2
        var scan = [Int32](repeating: 0, count: 15)
        for component in 0..<2 {
            for block in 0..<4 {
                let gx = mbX * 2 + block % 2, gy = mbY * 2 + block / 2
                var count = 0
                if pattern == 2 {
                    let levels = chromaLevels + component * 64 + block * 16
                    for k in 1..<16 { scan[k - 1] = levels[Transform.zigZag[k]] }
                    let nC = chromaNC(component, gx, gy)
                    count = scan.withUnsafeBufferPointer { CAVLC.writeBlock($0, nC: nC, to: &writer) }
                }
                chromaCounts[component][gy * stride + gx] = UInt8(count)
            }
        }
    }
}
