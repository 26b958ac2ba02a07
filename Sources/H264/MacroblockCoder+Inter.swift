/// P-picture macroblocks: motion vector prediction (clause 8.4.1.3), P_Skip, a small
/// whole-sample motion search, and the choice between inter and intra.
extension MacroblockCoder {
    private struct Neighbour { var reference: Int; var x: Int; var y: Int }

    private func neighbour(_ mbX: Int, _ mbY: Int) -> Neighbour? {
        guard mbX >= 0, mbY >= 0, mbX < widthInMacroblocks else { return nil }
        let index = mbY * widthInMacroblocks + mbX
        return Neighbour(reference: Int(referenceIndex[index]), x: Int(motionX[index]), y: Int(motionY[index]))
    }

    /// mvpLX for a 16x16 partition with reference index 0 (clause 8.4.1.3), and the
    /// P_Skip vector (clause 8.4.1.1), both in quarter samples.
    func predictedVectors(mbX: Int, mbY: Int) -> (predicted: (Int, Int), skip: (Int, Int)) {
        let a = neighbour(mbX - 1, mbY)
        var b = neighbour(mbX, mbY - 1)
        var c = neighbour(mbX + 1, mbY - 1) ?? neighbour(mbX - 1, mbY - 1)
        if b == nil && c == nil, let a { b = a; c = a }
        let unavailable = Neighbour(reference: -1, x: 0, y: 0)
        let (na, nb, nc) = (a ?? unavailable, b ?? unavailable, c ?? unavailable)
        let matching = [na, nb, nc].filter { $0.reference == 0 }
        let predicted: (Int, Int)
        if matching.count == 1 {
            predicted = (matching[0].x, matching[0].y)
        } else {
            predicted = (median(na.x, nb.x, nc.x), median(na.y, nb.y, nc.y))
        }
        let left = neighbour(mbX - 1, mbY), top = neighbour(mbX, mbY - 1)
        let skip: (Int, Int)
        if let left, let top,
           !(left.reference == 0 && left.x == 0 && left.y == 0),
           !(top.reference == 0 && top.x == 0 && top.y == 0) {
            skip = predicted
        } else {
            skip = (0, 0)
        }
        return (predicted, skip)
    }

    private func median(_ a: Int, _ b: Int, _ c: Int) -> Int {
        max(min(a, b), min(max(a, b), c))
    }

    /// Bits of se(v) for a value, to weigh motion vector differences.
    private func signedGolombBits(_ value: Int) -> Int {
        let code = value > 0 ? 2 * value - 1 : -2 * value
        return 2 * (Int.bitWidth - (code + 1).leadingZeroBitCount - 1) + 1
    }

    private var lambda: Int { 1 << max(0, (qp - 12) / 6) }

    private func interCost(x: Int, y: Int, dx: Int, dy: Int, predicted: (Int, Int)) -> Int {
        Prediction.interLuma(reference: reference.luma, x: x, y: y, dx: dx, dy: dy, into: candidate)
        let sad = Prediction.sad(source: source.luma, x: x, y: y, size: 16, prediction: candidate)
        let bits = signedGolombBits(dx * 4 - predicted.0) + signedGolombBits(dy * 4 - predicted.1)
        return sad + lambda * bits
    }

    /// Whole-sample vector (in samples) by a small diamond search from the better of zero
    /// and the predicted vector, bounded to `range` samples.
    private func search(x: Int, y: Int, predicted: (Int, Int), range: Int) -> (dx: Int, dy: Int) {
        var best = (dx: 0, dy: 0)
        var bestCost = interCost(x: x, y: y, dx: 0, dy: 0, predicted: predicted)
        let start = (dx: predicted.0 / 4, dy: predicted.1 / 4)
        if start != (0, 0), abs(start.dx) <= range, abs(start.dy) <= range {
            let cost = interCost(x: x, y: y, dx: start.dx, dy: start.dy, predicted: predicted)
            if cost < bestCost { bestCost = cost; best = start }
        }
        guard range > 0 else { return best }
        for _ in 0..<(2 * range) {
            var moved = false
            for (ox, oy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let next = (dx: best.dx + ox, dy: best.dy + oy)
                guard abs(next.dx) <= range, abs(next.dy) <= range else { continue }
                let cost = interCost(x: x, y: y, dx: next.dx, dy: next.dy, predicted: predicted)
                if cost < bestCost { bestCost = cost; best = next; moved = true }
            }
            if !moved { break }
        }
        return best
    }

    /// Codes one macroblock of a P picture. A P_Skip macroblock writes nothing and only
    /// extends `skipRun`; any other first writes the run of skips before it (mb_skip_run).
    func codeInter(mbX: Int, mbY: Int, searchRange: Int, skipRun: inout Int, to writer: inout BitWriter) {
        let x = mbX * 16, y = mbY * 16
        let index = mbY * widthInMacroblocks + mbX
        let (predicted, skip) = predictedVectors(mbX: mbX, mbY: mbY)

        // P_Skip first: the skip vector's prediction with no residual at all.
        predictInter(x: x, y: y, mvX: skip.0, mvY: skip.1)
        let skipSAD = Prediction.sad(source: source.luma, x: x, y: y, size: 16, prediction: lumaPrediction)
        if skipSAD < 16 * 16 * 4 && codeResidualIsEmpty(x: x, y: y) {
            markSkipped(index: index, mbX: mbX, mbY: mbY, vector: skip, skipRun: &skipRun)
            return
        }

        let vector = search(x: x, y: y, predicted: predicted, range: searchRange)
        let interSAD = interCost(x: x, y: y, dx: vector.dx, dy: vector.dy, predicted: predicted)
        let intra = chooseIntraModes(x: x, y: y)
        // I_16x16 costs far more bits than its SAD suggests (mode, DC and every AC block),
        // so intra wins only where inter prediction clearly fails: new or uncovered content.
        if intra.cost + 128 * lambda < interSAD {
            writer.writeUnsignedExpGolomb(UInt32(skipRun))
            skipRun = 0
            codeBestIntra(mbX: mbX, mbY: mbY, modes: intra, inPSlice: true, to: &writer)
            return
        }
        let mv = (vector.dx * 4, vector.dy * 4)
        predictInter(x: x, y: y, mvX: mv.0, mvY: mv.1)
        let codedLuma = codeInterLuma(x: x, y: y)
        let codedChroma = codeChroma(x: x, y: y, intra: false)
        if codedLuma == 0 && codedChroma == 0 && mv == skip {
            // The search found the skip vector and nothing to correct: P_Skip says it all.
            markSkipped(index: index, mbX: mbX, mbY: mbY, vector: skip, skipRun: &skipRun)
            return
        }
        writer.writeUnsignedExpGolomb(UInt32(skipRun))
        skipRun = 0
        clearIntra4x4Modes(mbX: mbX, mbY: mbY)
        writeInter16x16(mbX: mbX, mbY: mbY, mvdX: mv.0 - predicted.0, mvdY: mv.1 - predicted.1,
                        codedLuma: codedLuma, codedChroma: codedChroma, to: &writer)
        referenceIndex[index] = 0
        motionX[index] = Int16(mv.0)
        motionY[index] = Int16(mv.1)
    }

    /// Codes the residual of the current prediction (reconstructing it) and says whether
    /// every level quantised to zero.
    private func codeResidualIsEmpty(x: Int, y: Int) -> Bool {
        let codedLuma = codeInterLuma(x: x, y: y)
        let codedChroma = codeChroma(x: x, y: y, intra: false)
        return codedLuma == 0 && codedChroma == 0
    }

    private func markSkipped(index: Int, mbX: Int, mbY: Int, vector: (Int, Int), skipRun: inout Int) {
        clearCounts(mbX: mbX, mbY: mbY)
        clearIntra4x4Modes(mbX: mbX, mbY: mbY)
        referenceIndex[index] = 0
        motionX[index] = Int16(vector.0)
        motionY[index] = Int16(vector.1)
        skipRun += 1
    }

    /// Inter prediction of all three components for a vector in quarter samples
    /// (always whole samples here, so luma needs no interpolation).
    private func predictInter(x: Int, y: Int, mvX: Int, mvY: Int) {
        Prediction.interLuma(reference: reference.luma, x: x, y: y, dx: mvX >> 2, dy: mvY >> 2, into: lumaPrediction)
        for component in 0..<2 {
            Prediction.interChroma(reference: reference.chroma(component), x: x / 2, y: y / 2,
                                   mvX: mvX, mvY: mvY, into: chromaPrediction + component * 64)
        }
    }
}
