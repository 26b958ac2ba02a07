/// Intra_16x16 mode decision and coding of one macroblock.
extension MacroblockCoder {
    /// Picks the luma and chroma modes with the least SAD, leaving their predictions in
    /// the scratch buffers; returns the luma SAD so P pictures can weigh intra against inter.
    func chooseIntraModes(x: Int, y: Int) -> (luma: Prediction.LumaMode, chroma: Prediction.ChromaMode, cost: Int) {
        var lumaModes: [Prediction.LumaMode] = [.dc]
        if y > 0 { lumaModes.append(.vertical) }
        if x > 0 { lumaModes.append(.horizontal) }
        var bestLuma = Prediction.LumaMode.dc
        var bestCost = Int.max
        for mode in lumaModes {
            Prediction.intraLuma(mode, plane: reconstruction.luma, x: x, y: y, into: candidate)
            let cost = Prediction.sad(source: source.luma, x: x, y: y, size: 16, prediction: candidate)
            if cost < bestCost {
                bestCost = cost
                bestLuma = mode
                lumaPrediction.update(from: candidate, count: 256)
            }
        }
        var chromaModes: [Prediction.ChromaMode] = [.dc]
        if y > 0 { chromaModes.append(.vertical) }
        if x > 0 { chromaModes.append(.horizontal) }
        var bestChroma = Prediction.ChromaMode.dc
        var bestChromaCost = Int.max
        for mode in chromaModes {
            var cost = 0
            for component in 0..<2 {
                Prediction.intraChroma(mode, plane: reconstruction.chroma(component), x: x / 2, y: y / 2,
                                       into: candidate + component * 64)
                cost += Prediction.sad(source: source.chroma(component), x: x / 2, y: y / 2, size: 8,
                                       prediction: candidate + component * 64)
            }
            if cost < bestChromaCost {
                bestChromaCost = cost
                bestChroma = mode
                chromaPrediction.update(from: candidate, count: 128)
            }
        }
        return (bestLuma, bestChroma, bestCost)
    }

    /// Codes the macroblock at (mbX, mbY) as I_16x16 with the modes already chosen.
    func codeIntra(mbX: Int, mbY: Int, modes: (luma: Prediction.LumaMode, chroma: Prediction.ChromaMode),
                   inPSlice: Bool, to writer: inout BitWriter) {
        let x = mbX * 16, y = mbY * 16
        let codedLuma = codeIntra16x16Luma(x: x, y: y)
        let codedChroma = codeChroma(x: x, y: y, intra: true)
        writeIntra16x16(mbX: mbX, mbY: mbY, lumaMode: modes.luma, chromaMode: modes.chroma,
                        codedLuma: codedLuma, codedChroma: codedChroma, inPSlice: inPSlice, to: &writer)
        clearIntra4x4Modes(mbX: mbX, mbY: mbY)
        let index = mbY * widthInMacroblocks + mbX
        referenceIndex[index] = -1
        motionX[index] = 0
        motionY[index] = 0
    }
}
