/// A synthetic scene for tests, the sample and the benchmark: sky gradient, a floor grid,
/// coloured boxes and a textured wall, like what the simulator's camera will render.
/// `shift` pans the view (samples, horizontally) and moves one box, so consecutive
/// frames have real motion; the same frame index always gives the same picture.
public enum TestPattern {
    public static func picture(width: Int, height: Int, frame: Int, panPerFrame: Int = 3) throws(Picture.Problem) -> Picture {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let pan = frame * panPerFrame
        let horizon = height * 2 / 5
        let boxX = (width / 3 + frame * 5) % max(width, 1)
        for y in 0..<height {
            for x in 0..<width {
                let wx = x + pan
                var r: Int, g: Int, b: Int
                if y < horizon {
                    // Sky, then a wall band with a brick texture.
                    r = 120 + y * 60 / horizon; g = 160 + y * 50 / horizon; b = 230
                    if y > horizon / 2 {
                        let brick = ((wx / 24) + (y / 12) % 2 * 12 / 24) % 2
                        let mortar = y % 12 == 0 || (wx + (y / 12) % 2 * 12) % 24 == 0
                        r = mortar ? 200 : 150 + brick * 20; g = mortar ? 200 : 80 + brick * 10; b = mortar ? 190 : 60
                    }
                } else {
                    // Floor with a grid that narrows toward the horizon.
                    let depth = y - horizon + 1
                    let u = (wx - width / 2) * 64 / depth, v = 4096 / depth
                    let line = u & 63 < 3 || v & 15 < 1
                    r = line ? 240 : 90; g = line ? 240 : 110; b = line ? 240 : 80
                }
                if x >= boxX && x < boxX + 120 && y >= horizon - 40 && y < horizon + 100 {
                    r = 210; g = 40; b = 40
                    if (x - boxX) / 30 % 2 == (y / 30) % 2 { g = 70 }
                }
                let i = (y * width + x) * 3
                rgb[i] = UInt8(clamping: r); rgb[i + 1] = UInt8(clamping: g); rgb[i + 2] = UInt8(clamping: b)
            }
        }
        return try Picture(width: width, height: height, rgb: rgb)
    }

    /// Peak signal-to-noise ratio of the luma and chroma planes together (8-bit samples),
    /// in dB; infinity when the pictures are identical.
    public static func psnr(_ a: Picture, _ b: Picture) -> Double {
        precondition(a.width == b.width && a.height == b.height, "PSNR needs pictures of one size")
        var squared = 0
        for (x, y) in zip(a.luma, b.luma) { let d = Int(x) - Int(y); squared += d * d }
        for (x, y) in zip(a.cb, b.cb) { let d = Int(x) - Int(y); squared += d * d }
        for (x, y) in zip(a.cr, b.cr) { let d = Int(x) - Int(y); squared += d * d }
        let samples = a.luma.count + a.cb.count + a.cr.count
        guard squared > 0 else { return .infinity }
        let mse = Double(squared) / Double(samples)
        return 10 * log10(255 * 255 / mse)
    }

    /// log10 without Foundation: the natural log by the stdlib's series-free route,
    /// via the binary exponent and a short atanh series on the mantissa.
    static func log10(_ x: Double) -> Double {
        let exponent = Double(x.exponent)
        let mantissa = x.significand  // 1 <= m < 2
        let z = (mantissa - 1) / (mantissa + 1)
        var term = z, sum = 0.0
        for k in stride(from: 1, through: 41, by: 2) { sum += term / Double(k); term *= z * z }
        let ln = 2 * sum + exponent * 0.693_147_180_559_945_3
        return ln / 2.302_585_092_994_045_7
    }
}
