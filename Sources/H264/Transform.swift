/// The 4x4 integer transform, its inverse (clause 8.5.12) and flat-matrix quantisation.
/// Blocks are 16 Int32 in raster order: index = row * 4 + column.
enum Transform {
    /// Raster index of each zig-zag scan position (Table 8-13, frame macroblocks).
    static let zigZag: [Int] = [0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15]

    /// Normalised dequantisation factors v (clause 8.5.9, Table 8-14 order): per QP % 6,
    /// positions with both indices even, both odd, and the rest.
    static let dequantFactor: [[Int32]] = [
        [10, 16, 13], [11, 18, 14], [13, 20, 16], [14, 23, 18], [16, 25, 20], [18, 29, 23],
    ]
    /// The matching forward multipliers (2^15 scaled), the usual encoder-side inverse of v.
    static let quantFactor: [[Int32]] = [
        [13107, 5243, 8066], [11916, 4660, 7490], [10082, 4194, 6554],
        [9362, 3647, 5825], [8192, 3355, 5243], [7282, 2893, 4559],
    ]
    /// 0, 1 or 2: which column of the factor tables a raster position uses.
    static let positionClass: [Int] = (0..<16).map { index in
        let row = index / 4, column = index % 4
        if row % 2 == 0 && column % 2 == 0 { return 0 }
        if row % 2 == 1 && column % 2 == 1 { return 1 }
        return 2
    }

    /// Chroma QP from luma QP with chroma_qp_index_offset 0 (Table 8-15).
    static func chromaQP(_ qp: Int) -> Int {
        let table = [29, 30, 31, 32, 32, 33, 34, 34, 35, 35, 36, 36, 37, 37, 37, 38, 38, 38, 39, 39, 39, 39]
        return qp < 30 ? qp : table[qp - 30]
    }

    /// Forward core transform Cf X Cf^T of a residual block, in place.
    static func forward(_ block: UnsafeMutablePointer<Int32>) {
        for row in 0..<4 {
            let p = block + row * 4
            let s03 = p[0] + p[3], d03 = p[0] - p[3], s12 = p[1] + p[2], d12 = p[1] - p[2]
            p[0] = s03 + s12
            p[1] = 2 * d03 + d12
            p[2] = s03 - s12
            p[3] = d03 - 2 * d12
        }
        for column in 0..<4 {
            let a = block[column], b = block[4 + column], c = block[8 + column], d = block[12 + column]
            let s03 = a + d, d03 = a - d, s12 = b + c, d12 = b - c
            block[column] = s03 + s12
            block[4 + column] = 2 * d03 + d12
            block[8 + column] = s03 - s12
            block[12 + column] = d03 - 2 * d12
        }
    }

    /// Inverse transform of scaled coefficients (clause 8.5.12.2: rows, then columns,
    /// then (x + 32) >> 6), in place; the result is the residual to add to the prediction.
    static func inverse(_ block: UnsafeMutablePointer<Int32>) {
        for row in 0..<4 {
            let p = block + row * 4
            let e0 = p[0] + p[2], e1 = p[0] - p[2]
            let e2 = (p[1] >> 1) - p[3], e3 = p[1] + (p[3] >> 1)
            p[0] = e0 + e3
            p[1] = e1 + e2
            p[2] = e1 - e2
            p[3] = e0 - e3
        }
        for column in 0..<4 {
            let a = block[column], b = block[4 + column], c = block[8 + column], d = block[12 + column]
            let e0 = a + c, e1 = a - c
            let e2 = (b >> 1) - d, e3 = b + (d >> 1)
            block[column] = (e0 + e3 + 32) >> 6
            block[4 + column] = (e1 + e2 + 32) >> 6
            block[8 + column] = (e1 - e2 + 32) >> 6
            block[12 + column] = (e0 - e3 + 32) >> 6
        }
    }

    /// Forward multiplier of every raster position for each QP % 6, flattened (6 x 16).
    private static let quantByPosition: [Int32] = (0..<96).map { quantFactor[$0 / 16][positionClass[$0 % 16]] }
    private static let dequantByPosition: [Int32] = (0..<96).map { dequantFactor[$0 / 16][positionClass[$0 % 16]] }

    /// Quantises coefficients `from..<16` of a transformed block into levels (raster order,
    /// in place) and returns how many are non-zero. `intra` picks the rounding offset
    /// (1/3 of a step for intra, 1/6 for inter, as the reference encoder does).
    static func quantize(_ block: UnsafeMutablePointer<Int32>, qp: Int, intra: Bool, from start: Int = 0) -> Int {
        let shift = Int32(15 + qp / 6)
        let offset: Int32 = (1 << shift) / (intra ? 3 : 6)
        return quantByPosition.withUnsafeBufferPointer { table in
            let factors = table.baseAddress! + (qp % 6) * 16
            var nonZero = 0
            for index in start..<16 {
                let value = block[index]
                var level = (abs(value) &* factors[index] &+ offset) >> shift
                level = min(level, CAVLC.maximumLevel)
                block[index] = value < 0 ? -level : level
                if level != 0 { nonZero += 1 }
            }
            return nonZero
        }
    }

    /// Scales levels back (clause 8.5.12.1 with flat weights), positions `from..<16`.
    static func dequantize(_ block: UnsafeMutablePointer<Int32>, qp: Int, from start: Int = 0) {
        let shift = Int32(qp / 6)
        dequantByPosition.withUnsafeBufferPointer { table in
            let factors = table.baseAddress! + (qp % 6) * 16
            for index in start..<16 where block[index] != 0 {
                block[index] = (block[index] &* factors[index]) << shift
            }
        }
    }

    /// The 4x4 Hadamard transform (symmetric: the same matrix forward and inverse), in place.
    static func hadamard4x4(_ block: UnsafeMutablePointer<Int32>) {
        for row in 0..<4 {
            let p = block + row * 4
            let s01 = p[0] + p[1], d01 = p[0] - p[1], s23 = p[2] + p[3], d23 = p[2] - p[3]
            p[0] = s01 + s23
            p[1] = s01 - s23
            p[2] = d01 - d23
            p[3] = d01 + d23
        }
        for column in 0..<4 {
            let a = block[column], b = block[4 + column], c = block[8 + column], d = block[12 + column]
            let s01 = a + b, d01 = a - b, s23 = c + d, d23 = c - d
            block[column] = s01 + s23
            block[4 + column] = s01 - s23
            block[8 + column] = d01 - d23
            block[12 + column] = d01 + d23
        }
    }
}
