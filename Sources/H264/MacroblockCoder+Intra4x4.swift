/// I_4x4 macroblocks (clause 8.3.1): each 4x4 block predicted from its reconstructed
/// neighbours in one of nine directions, its mode coded against the predicted mode.
/// Coded where it beats Intra_16x16, which is on edges and texture.
extension MacroblockCoder {
    /// coded_block_pattern -> codeNum of me(v) for intra macroblocks (Table 9-4, 4:2:0).
    static let intraCodedBlockPatternCodeNum: [UInt8] = {
        let byCodeNum: [UInt8] = [
            47, 31, 15, 0, 23, 27, 29, 30, 7, 11, 13, 14, 39, 43, 45, 46,
            16, 3, 5, 10, 12, 19, 21, 26, 28, 35, 37, 42, 44, 1, 2, 4,
            8, 17, 18, 20, 24, 6, 9, 22, 25, 32, 33, 34, 36, 40, 38, 41,
        ]
        var inverse = [UInt8](repeating: 0, count: 48)
        for (codeNum, pattern) in byCodeNum.enumerated() { inverse[Int(pattern)] = UInt8(codeNum) }
        return inverse
    }()

    /// luma4x4BlkIdx of the block at raster position (row * 4 + column) in blocks.
    static let blockIndex: [Int] = (0..<16).map { raster in
        (0..<16).first { blockX[$0] == raster % 4 && blockY[$0] == raster / 4 }!
    }

    /// Codes the macroblock as I_4x4 or I_16x16, whichever predicts at less cost; the
    /// 16x16 and chroma modes come from `chooseIntraModes`.
    func codeBestIntra(mbX: Int, mbY: Int, modes: (luma: Prediction.LumaMode, chroma: Prediction.ChromaMode, cost: Int),
                       inPSlice: Bool, to writer: inout BitWriter) {
        let x = mbX * 16, y = mbY * 16
        var chosen = [UInt8](repeating: 2, count: 16)
        var predicted = [UInt8](repeating: 2, count: 16)
        let (pattern, cost) = codeIntra4x4Luma(mbX: mbX, mbY: mbY, modes: &chosen, predictedModes: &predicted)
        if cost >= modes.cost {
            Prediction.intraLuma(modes.luma, plane: reconstruction.luma, x: x, y: y, into: lumaPrediction)
            codeIntra(mbX: mbX, mbY: mbY, modes: (modes.luma, modes.chroma), inPSlice: inPSlice, to: &writer)
            return
        }
        let codedChroma = codeChroma(x: x, y: y, intra: true)
        writer.writeUnsignedExpGolomb(inPSlice ? 5 : 0)  // I_NxN
        for block in 0..<16 {
            if chosen[block] == predicted[block] {
                writer.write(flag: true)                 // prev_intra4x4_pred_mode_flag
            } else {
                writer.write(flag: false)
                let remaining = chosen[block] < predicted[block] ? chosen[block] : chosen[block] - 1
                writer.write(UInt32(remaining), bits: 3)
            }
        }
        writer.writeUnsignedExpGolomb(UInt32(modes.chroma.rawValue))
        let codedPattern = pattern | codedChroma << 4
        writer.writeUnsignedExpGolomb(UInt32(Self.intraCodedBlockPatternCodeNum[codedPattern]))
        if codedPattern > 0 { writer.writeSignedExpGolomb(0) }  // mb_qp_delta
        writeResidual(mbX: mbX, mbY: mbY, codedLuma: pattern, firstCoefficient: 0, codedChroma: codedChroma, to: &writer)
        let index = mbY * widthInMacroblocks + mbX
        referenceIndex[index] = -1
        motionX[index] = 0
        motionY[index] = 0
    }

    /// Predicts, codes and reconstructs the 16 blocks in decoding order, each choosing its
    /// mode by SAD plus the mode's bits; returns CodedBlockPatternLuma and the total cost.
    private func codeIntra4x4Luma(mbX: Int, mbY: Int, modes: inout [UInt8], predictedModes: inout [UInt8]) -> (Int, Int) {
        let x = mbX * 16, y = mbY * 16
        let plane = reconstruction.luma
        let stride = widthInMacroblocks * 4
        let lambda = 1 << max(0, (qp - 12) / 6)
        var pattern = 0, total = 0
        let block4 = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        let edgeStorage = UnsafeMutablePointer<Int>.allocate(capacity: 13)
        defer { block4.deallocate(); edgeStorage.deallocate() }
        for block in 0..<16 {
            let bx = Self.blockX[block], by = Self.blockY[block]
            let px = x + bx * 4, py = y + by * 4
            let gx = mbX * 4 + bx, gy = mbY * 4 + by
            var edge = Prediction.Edge4x4(storage: edgeStorage)
            edge.hasLeft = px > 0
            edge.hasTop = py > 0
            edge.hasCorner = px > 0 && py > 0
            let topRightAvailable = topRightAvailable(block: block, mbX: mbX, mbY: mbY)
            if edge.hasTop {
                for i in 0..<4 { edgeStorage[i] = Int(plane.samples[(py - 1) * plane.width + px + i]) }
                for i in 4..<8 {
                    edgeStorage[i] = topRightAvailable ? Int(plane.samples[(py - 1) * plane.width + px + i]) : edgeStorage[3]
                }
            }
            if edge.hasLeft { for i in 0..<4 { edgeStorage[8 + i] = Int(plane.samples[(py + i) * plane.width + px - 1]) } }
            if edge.hasCorner { edgeStorage[12] = Int(plane.samples[(py - 1) * plane.width + px - 1]) }

            // Predicted mode: DC where a neighbouring macroblock is missing, else the smaller.
            let predicted = gx > 0 && gy > 0
                ? min(intra4x4Modes[gy * stride + gx - 1], intra4x4Modes[(gy - 1) * stride + gx]) : 2
            var bestMode = 2, bestCost = Int.max
            for mode in 0..<9 where Prediction.intra4x4Allowed(mode, edge) {
                Prediction.intra4x4(mode, edge, into: block4)
                let sad = Prediction.sad(source: source.luma, x: px, y: py, size: 4, prediction: block4)
                let cost = sad + lambda * (mode == Int(predicted) ? 1 : 4)
                if cost < bestCost { bestCost = cost; bestMode = mode }
            }
            Prediction.intra4x4(bestMode, edge, into: block4)
            let prediction = lumaPrediction + by * 4 * 16 + bx * 4
            for row in 0..<4 { (prediction + row * 16).update(from: block4 + row * 4, count: 4) }
            total += bestCost
            modes[block] = UInt8(bestMode)
            predictedModes[block] = predicted
            intra4x4Modes[gy * stride + gx] = UInt8(bestMode)
            if codeLuma4x4(block: block, x: x, y: y, intra: true) > 0 { pattern |= 1 << (block / 4) }
        }
        return (pattern, total + 6 * lambda)
    }

    /// Whether the samples above-right of a 4x4 block are decoded before it (clause 6.4.11.4).
    private func topRightAvailable(block: Int, mbX: Int, mbY: Int) -> Bool {
        let bx = Self.blockX[block], by = Self.blockY[block]
        if by == 0 {
            return bx < 3 ? mbY > 0 : mbY > 0 && mbX + 1 < widthInMacroblocks
        }
        if bx == 3 { return false }
        // Inside the macroblock: available when that block comes earlier in decoding order.
        return Self.blockIndex[(by - 1) * 4 + bx + 1] < block
    }
}
