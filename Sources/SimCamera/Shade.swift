/// A colour as the picture stores it: BT.601 studio-range Y, Cb, Cr (the integer matrix
/// `Picture(width:height:rgb:)` uses), so a flat surface is one exact sample value.
struct Shade: Equatable {
    var y: UInt8
    var u: UInt8
    var v: UInt8

    /// `colour` lit by `light` (1 = as given, 0.5 = half as bright).
    init(_ colour: RGB, light: Double = 1) {
        let r = Int((Double(colour.red) * light).rounded()), g = Int((Double(colour.green) * light).rounded())
        let b = Int((Double(colour.blue) * light).rounded())
        y = UInt8(clamping: ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16)
        u = UInt8(clamping: ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128)
        v = UInt8(clamping: ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128)
    }

    init(y: UInt8, u: UInt8, v: UInt8) {
        self.y = y
        self.u = u
        self.v = v
    }

    /// `self` covered by `other` over `amount` (0...1) of the pixel.
    @inline(__always)
    func blended(with other: Shade, _ amount: Double) -> Shade {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(Double(a) + (Double(b) - Double(a)) * amount + 0.5) }
        return Shade(y: mix(y, other.y), u: mix(u, other.u), v: mix(v, other.v))
    }

    /// How bright each kind of face is: one light from above and slightly ahead, so a
    /// box's sides and top differ and edges stay visible without any texture.
    enum Light {
        static let top = 1.0
        static let xFace = 0.82
        static let yFace = 0.66
        static let bottom = 0.45
        static let xWall = 0.92
        static let yWall = 0.8
    }
}
