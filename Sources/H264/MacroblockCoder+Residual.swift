/// Transform, quantisation and reconstruction of a macroblock's residual. Each function
/// leaves the levels to code in the scratch buffers and the decoder's exact
/// reconstruction in `reconstruction`.
extension MacroblockCoder {
    /// Forward transform of the 4x4 residual `source - prediction` into `out`.
    private func transformResidual(source: PlaneBuffer, x: Int, y: Int,
                                   prediction: UnsafePointer<UInt8>, predictionStride: Int,
                                   into out: UnsafeMutablePointer<Int32>) {
        for row in 0..<4 {
            let s = source.samples + (y + row) * source.width + x
            let p = prediction + row * predictionStride
            for column in 0..<4 { out[row * 4 + column] = Int32(s[column]) - Int32(p[column]) }
        }
        Transform.forward(out)
    }

    /// Inverse transform of `block` (already scaled) added to the prediction, clipped.
    private func reconstruct(_ block: UnsafeMutablePointer<Int32>, prediction: UnsafePointer<UInt8>,
                             predictionStride: Int, into plane: PlaneBuffer, x: Int, y: Int) {
        Transform.inverse(block)
        for row in 0..<4 {
            let out = plane.samples + (y + row) * plane.width + x
            let p = prediction + row * predictionStride
            for column in 0..<4 {
                out[column] = UInt8(clamping: Int32(p[column]) + block[row * 4 + column])
            }
        }
    }

    /// Quantises a DC array with the doubled step the DC transforms call for.
    private func quantizeDC(_ values: UnsafeMutablePointer<Int32>, count: Int, qp: Int, intra: Bool) -> Bool {
        let shift = Int32(16 + qp / 6)
        let offset: Int32 = (1 << shift) / (intra ? 3 : 6)
        let factor = Transform.quantFactor[qp % 6][0]
        var any = false
        for index in 0..<count {
            let value = values[index]
            let level = min((abs(value) * factor + offset) >> shift, CAVLC.maximumLevel)
            values[index] = value < 0 ? -level : level
            if level != 0 { any = true }
        }
        return any
    }

    /// Intra_16x16 luma: returns CodedBlockPatternLuma (0 or 15).
    func codeIntra16x16Luma(x: Int, y: Int) -> Int {
        for block in 0..<16 {
            let bx = Self.blockX[block] * 4, by = Self.blockY[block] * 4
            let levels = lumaLevels + block * 16
            transformResidual(source: source.luma, x: x + bx, y: y + by,
                              prediction: lumaPrediction + by * 16 + bx, predictionStride: 16, into: levels)
            lumaDC[Self.blockY[block] * 4 + Self.blockX[block]] = levels[0]
            levels[0] = 0
            lumaBlockCounts[block] = Transform.quantize(levels, qp: qp, intra: true, from: 1)
        }
        Transform.hadamard4x4(lumaDC)
        for index in 0..<16 { lumaDC[index] >>= 1 }
        _ = quantizeDC(lumaDC, count: 16, qp: qp, intra: true)
        let codedLuma = lumaBlockCounts.contains { $0 > 0 } ? 15 : 0

        // Decoder side (clause 8.5.10): inverse Hadamard, then scale the DC values.
        work.update(from: lumaDC, count: 16)
        Transform.hadamard4x4(work)
        let scale = 16 * Transform.dequantFactor[qp % 6][0]
        var dcValues = [Int32](repeating: 0, count: 16)
        for index in 0..<16 {
            dcValues[index] = qp >= 36
                ? (work[index] * scale) << Int32(qp / 6 - 6)
                : (work[index] * scale + (1 << Int32(5 - qp / 6))) >> Int32(6 - qp / 6)
        }
        for block in 0..<16 {
            let bx = Self.blockX[block], by = Self.blockY[block]
            work.update(from: lumaLevels + block * 16, count: 16)
            Transform.dequantize(work, qp: qp, from: 1)
            work[0] = dcValues[by * 4 + bx]
            reconstruct(work, prediction: lumaPrediction + by * 4 * 16 + bx * 4, predictionStride: 16,
                        into: reconstruction.luma, x: x + bx * 4, y: y + by * 4)
        }
        return codedLuma
    }

    /// One 4x4 luma block of an I_4x4 macroblock, coded and reconstructed at once because
    /// the next block predicts from it; returns its TotalCoeff.
    func codeLuma4x4(block: Int, x: Int, y: Int, intra: Bool) -> Int {
        let bx = Self.blockX[block] * 4, by = Self.blockY[block] * 4
        let levels = lumaLevels + block * 16
        let prediction = lumaPrediction + by * 16 + bx
        transformResidual(source: source.luma, x: x + bx, y: y + by, prediction: prediction, predictionStride: 16, into: levels)
        let count = Transform.quantize(levels, qp: qp, intra: intra)
        work.update(from: levels, count: 16)
        Transform.dequantize(work, qp: qp)
        reconstruct(work, prediction: prediction, predictionStride: 16, into: reconstruction.luma, x: x + bx, y: y + by)
        return count
    }

    /// Inter luma with 4x4 transforms: returns CodedBlockPatternLuma (one bit per 8x8).
    func codeInterLuma(x: Int, y: Int) -> Int {
        var pattern = 0
        for block in 0..<16 {
            let bx = Self.blockX[block] * 4, by = Self.blockY[block] * 4
            let levels = lumaLevels + block * 16
            transformResidual(source: source.luma, x: x + bx, y: y + by,
                              prediction: lumaPrediction + by * 16 + bx, predictionStride: 16, into: levels)
            lumaBlockCounts[block] = Transform.quantize(levels, qp: qp, intra: false)
            if lumaBlockCounts[block] > 0 { pattern |= 1 << (block / 4) }
        }
        for block in 0..<16 {
            let bx = Self.blockX[block] * 4, by = Self.blockY[block] * 4
            if pattern & (1 << (block / 4)) == 0 {
                lumaBlockCounts[block] = 0
                storePrediction4x4(lumaPrediction + by * 16 + bx, stride: 16, into: reconstruction.luma, x: x + bx, y: y + by)
                continue
            }
            work.update(from: lumaLevels + block * 16, count: 16)
            Transform.dequantize(work, qp: qp)
            reconstruct(work, prediction: lumaPrediction + by * 16 + bx, predictionStride: 16,
                        into: reconstruction.luma, x: x + bx, y: y + by)
        }
        return pattern
    }

    /// Both chroma components: returns CodedBlockPatternChroma (0 none, 1 DC only, 2 DC and AC).
    func codeChroma(x: Int, y: Int, intra: Bool) -> Int {
        let cx = x / 2, cy = y / 2
        var anyAC = false, anyDC = false
        for component in 0..<2 {
            let plane = source.chroma(component)
            let prediction = chromaPrediction + component * 64
            for block in 0..<4 {
                let bx = (block % 2) * 4, by = (block / 2) * 4
                let levels = chromaLevels + component * 64 + block * 16
                transformResidual(source: plane, x: cx + bx, y: cy + by,
                                  prediction: prediction + by * 8 + bx, predictionStride: 8, into: levels)
                chromaDC[component * 4 + block] = levels[0]
                levels[0] = 0
                if Transform.quantize(levels, qp: chromaQP, intra: intra, from: 1) > 0 { anyAC = true }
            }
            let dc = chromaDC + component * 4
            let (d0, d1, d2, d3) = (dc[0], dc[1], dc[2], dc[3])
            dc[0] = d0 + d1 + d2 + d3
            dc[1] = d0 - d1 + d2 - d3
            dc[2] = d0 + d1 - d2 - d3
            dc[3] = d0 - d1 - d2 + d3
            if quantizeDC(dc, count: 4, qp: chromaQP, intra: intra) { anyDC = true }
        }
        let pattern = anyAC ? 2 : anyDC ? 1 : 0
        let scale = 16 * Transform.dequantFactor[chromaQP % 6][0]
        for component in 0..<2 {
            let dc = chromaDC + component * 4
            let (c0, c1, c2, c3) = (dc[0], dc[1], dc[2], dc[3])
            let f = [c0 + c1 + c2 + c3, c0 - c1 + c2 - c3, c0 + c1 - c2 - c3, c0 - c1 - c2 + c3]
            let prediction = chromaPrediction + component * 64
            for block in 0..<4 {
                let bx = (block % 2) * 4, by = (block / 2) * 4
                let dcValue = ((f[block] * scale) << Int32(chromaQP / 6)) >> 5
                if pattern == 2 {
                    work.update(from: chromaLevels + component * 64 + block * 16, count: 16)
                    Transform.dequantize(work, qp: chromaQP, from: 1)
                } else {
                    work.update(repeating: 0, count: 16)
                }
                work[0] = dcValue
                reconstruct(work, prediction: prediction + by * 8 + bx, predictionStride: 8,
                            into: reconstruction.chroma(component), x: cx + bx, y: cy + by)
            }
        }
        return pattern
    }

    private func storePrediction4x4(_ prediction: UnsafePointer<UInt8>, stride: Int, into plane: PlaneBuffer, x: Int, y: Int) {
        for row in 0..<4 {
            (plane.samples + (y + row) * plane.width + x).update(from: prediction + row * stride, count: 4)
        }
    }
}
