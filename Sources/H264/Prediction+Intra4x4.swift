/// Intra_4x4 prediction (clause 8.3.1.2): nine directional modes over a 4x4 block from
/// the 13 reconstructed samples around it.
extension Prediction {
    /// The samples around one 4x4 block: `top[0...7]` (above and above-right),
    /// `left[0...3]`, `corner` (above-left), and which of them exist.
    struct Edge4x4 {
        /// 13 samples in caller-owned memory (no allocation per block): top 0...7,
        /// left 8...11, corner 12.
        let samples: UnsafeMutablePointer<Int>
        var hasTop = false
        var hasLeft = false
        var hasCorner = false

        init(storage: UnsafeMutablePointer<Int>) {
            samples = storage
            samples.update(repeating: 128, count: 13)
        }

        @inline(__always) func top(_ i: Int) -> Int { samples[i] }
        @inline(__always) func left(_ i: Int) -> Int { samples[8 + i] }
        var corner: Int { samples[12] }

        /// p[x, y] of the standard for x == -1 or y == -1.
        @inline(__always)
        func p(_ x: Int, _ y: Int) -> Int {
            if y < 0 { return x < 0 ? samples[12] : samples[x] }
            return samples[8 + y]
        }
    }

    /// Whether `mode` (Intra4x4PredMode 0...8) may be used with the samples available.
    static func intra4x4Allowed(_ mode: Int, _ edge: Edge4x4) -> Bool {
        switch mode {
        case 0, 3, 7: edge.hasTop
        case 1, 8: edge.hasLeft
        case 2: true
        default: edge.hasTop && edge.hasLeft && edge.hasCorner
        }
    }

    /// Fills the 16 samples of `out` (rows of 4) with the prediction for `mode`.
    static func intra4x4(_ mode: Int, _ e: Edge4x4, into out: UnsafeMutablePointer<UInt8>) {
        for y in 0..<4 {
            for x in 0..<4 {
                let value: Int
                switch mode {
                case 0: value = e.top(x)
                case 1: value = e.left(y)
                case 2:
                    let sumTop = e.top(0) + e.top(1) + e.top(2) + e.top(3)
                    let sumLeft = e.left(0) + e.left(1) + e.left(2) + e.left(3)
                    value = e.hasTop && e.hasLeft ? (sumTop + sumLeft + 4) >> 3
                        : e.hasLeft ? (sumLeft + 2) >> 2 : e.hasTop ? (sumTop + 2) >> 2 : 128
                case 3:  // diagonal down left
                    value = x == 3 && y == 3 ? (e.top(6) + 3 * e.top(7) + 2) >> 2
                        : (e.top(x + y) + 2 * e.top(x + y + 1) + e.top(x + y + 2) + 2) >> 2
                case 4:  // diagonal down right
                    if x > y {
                        value = (e.p(x - y - 2, -1) + 2 * e.p(x - y - 1, -1) + e.p(x - y, -1) + 2) >> 2
                    } else if x < y {
                        value = (e.p(-1, y - x - 2) + 2 * e.p(-1, y - x - 1) + e.p(-1, y - x) + 2) >> 2
                    } else {
                        value = (e.p(0, -1) + 2 * e.corner + e.p(-1, 0) + 2) >> 2
                    }
                case 5:  // vertical right
                    let z = 2 * x - y
                    if z >= 0 && z % 2 == 0 {
                        value = (e.p(x - (y >> 1) - 1, -1) + e.p(x - (y >> 1), -1) + 1) >> 1
                    } else if z >= 0 {
                        value = (e.p(x - (y >> 1) - 2, -1) + 2 * e.p(x - (y >> 1) - 1, -1) + e.p(x - (y >> 1), -1) + 2) >> 2
                    } else if z == -1 {
                        value = (e.p(-1, 0) + 2 * e.corner + e.p(0, -1) + 2) >> 2
                    } else {
                        value = (e.p(-1, y - 1) + 2 * e.p(-1, y - 2) + e.p(-1, y - 3) + 2) >> 2
                    }
                case 6:  // horizontal down
                    let z = 2 * y - x
                    if z >= 0 && z % 2 == 0 {
                        value = (e.p(-1, y - (x >> 1) - 1) + e.p(-1, y - (x >> 1)) + 1) >> 1
                    } else if z >= 0 {
                        value = (e.p(-1, y - (x >> 1) - 2) + 2 * e.p(-1, y - (x >> 1) - 1) + e.p(-1, y - (x >> 1)) + 2) >> 2
                    } else if z == -1 {
                        value = (e.p(-1, 0) + 2 * e.corner + e.p(0, -1) + 2) >> 2
                    } else {
                        value = (e.p(x - 1, -1) + 2 * e.p(x - 2, -1) + e.p(x - 3, -1) + 2) >> 2
                    }
                case 7:  // vertical left
                    let i = x + (y >> 1)
                    value = y % 2 == 0 ? (e.top(i) + e.top(i + 1) + 1) >> 1
                        : (e.top(i) + 2 * e.top(i + 1) + e.top(i + 2) + 2) >> 2
                default:  // horizontal up
                    let z = x + 2 * y
                    let i = y + (x >> 1)
                    if z > 5 {
                        value = e.left(3)
                    } else if z == 5 {
                        value = (e.left(2) + 3 * e.left(3) + 2) >> 2
                    } else if z % 2 == 0 {
                        value = (e.left(i) + e.left(i + 1) + 1) >> 1
                    } else {
                        value = (e.left(i) + 2 * e.left(i + 1) + e.left(i + 2) + 2) >> 2
                    }
                }
                out[y * 4 + x] = UInt8(value)
            }
        }
    }
}
