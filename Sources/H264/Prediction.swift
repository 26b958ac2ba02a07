/// Prediction of one macroblock (clauses 8.3.3, 8.3.4 and 8.4.2.2): intra from the
/// reconstructed neighbours, inter from the reference picture. Outputs are 16x16 luma
/// and 8x8 chroma blocks, rows packed.
enum Prediction {
    /// Intra_16x16 modes this encoder uses (values are Intra16x16PredMode).
    enum LumaMode: Int { case vertical = 0, horizontal = 1, dc = 2 }
    /// Chroma modes this encoder uses (values are intra_chroma_pred_mode).
    enum ChromaMode: Int { case dc = 0, horizontal = 1, vertical = 2 }

    static func intraLuma(_ mode: LumaMode, plane: PlaneBuffer, x: Int, y: Int, into out: UnsafeMutablePointer<UInt8>) {
        let stride = plane.width
        let origin = plane.samples + y * stride + x
        switch mode {
        case .vertical:
            for row in 0..<16 { (out + row * 16).update(from: origin - stride, count: 16) }
        case .horizontal:
            for row in 0..<16 { (out + row * 16).update(repeating: origin[row * stride - 1], count: 16) }
        case .dc:
            var sum = 0
            let top = y > 0, left = x > 0
            if top { for i in 0..<16 { sum += Int(origin[i - stride]) } }
            if left { for i in 0..<16 { sum += Int(origin[i * stride - 1]) } }
            let value: Int
            switch (top, left) {
            case (true, true): value = (sum + 16) >> 5
            case (true, false), (false, true): value = (sum + 8) >> 4
            case (false, false): value = 128
            }
            out.update(repeating: UInt8(value), count: 256)
        }
    }

    /// 8x8 chroma prediction; DC works per 4x4 block with the clause 8.3.4.1-3 preferences
    /// (top-right block prefers the row above, bottom-left the column to the left).
    static func intraChroma(_ mode: ChromaMode, plane: PlaneBuffer, x: Int, y: Int, into out: UnsafeMutablePointer<UInt8>) {
        let stride = plane.width
        let origin = plane.samples + y * stride + x
        switch mode {
        case .vertical:
            for row in 0..<8 { (out + row * 8).update(from: origin - stride, count: 8) }
        case .horizontal:
            for row in 0..<8 { (out + row * 8).update(repeating: origin[row * stride - 1], count: 8) }
        case .dc:
            let top = y > 0, left = x > 0
            for block in 0..<4 {
                let bx = (block % 2) * 4, by = (block / 2) * 4
                var sumTop = 0, sumLeft = 0
                if top { for i in 0..<4 { sumTop += Int(origin[bx + i - stride]) } }
                if left { for i in 0..<4 { sumLeft += Int(origin[(by + i) * stride - 1]) } }
                let value: Int
                if bx == by {
                    value = top && left ? (sumTop + sumLeft + 4) >> 3
                        : left ? (sumLeft + 2) >> 2 : top ? (sumTop + 2) >> 2 : 128
                } else if bx > 0 {
                    value = top ? (sumTop + 2) >> 2 : left ? (sumLeft + 2) >> 2 : 128
                } else {
                    value = left ? (sumLeft + 2) >> 2 : top ? (sumTop + 2) >> 2 : 128
                }
                for row in 0..<4 { (out + (by + row) * 8 + bx).update(repeating: UInt8(value), count: 4) }
            }
        }
    }

    /// Luma motion compensation for a whole-sample vector (`dx`, `dy` in samples).
    static func interLuma(reference: PlaneBuffer, x: Int, y: Int, dx: Int, dy: Int, into out: UnsafeMutablePointer<UInt8>) {
        let sx = x + dx, sy = y + dy
        if sx >= 0, sy >= 0, sx + 16 <= reference.width, sy + 16 <= reference.height {
            for row in 0..<16 {
                (out + row * 16).update(from: reference.samples + (sy + row) * reference.width + sx, count: 16)
            }
        } else {
            for row in 0..<16 {
                for column in 0..<16 { out[row * 16 + column] = reference.clamped(sx + column, sy + row) }
            }
        }
    }

    /// Chroma motion compensation (clause 8.4.2.2.2): the luma vector in quarter samples is
    /// an eighth-sample chroma vector, interpolated bilinearly.
    static func interChroma(reference: PlaneBuffer, x: Int, y: Int, mvX: Int, mvY: Int, into out: UnsafeMutablePointer<UInt8>) {
        let baseX = x + (mvX >> 3), baseY = y + (mvY >> 3)
        let fx = mvX & 7, fy = mvY & 7
        let wA = (8 - fx) * (8 - fy), wB = fx * (8 - fy), wC = (8 - fx) * fy, wD = fx * fy
        for row in 0..<8 {
            for column in 0..<8 {
                let px = baseX + column, py = baseY + row
                let a = Int(reference.clamped(px, py)), b = Int(reference.clamped(px + 1, py))
                let c = Int(reference.clamped(px, py + 1)), d = Int(reference.clamped(px + 1, py + 1))
                out[row * 8 + column] = UInt8((wA * a + wB * b + wC * c + wD * d + 32) >> 6)
            }
        }
    }

    /// Sum of absolute differences between a source block and a packed prediction.
    static func sad(source: PlaneBuffer, x: Int, y: Int, size: Int, prediction: UnsafePointer<UInt8>) -> Int {
        var total = 0
        for row in 0..<size {
            let s = source.samples + (y + row) * source.width + x
            let p = prediction + row * size
            for column in 0..<size { total += abs(Int(s[column]) - Int(p[column])) }
        }
        return total
    }
}
