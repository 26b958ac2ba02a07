/// One frame in planar YUV 4:2:0 (8 bits, BT.601 studio range, as H.264 decoders assume
/// when a stream carries no colour description): a full-size luma plane, two
/// half-size chroma planes, rows packed without padding.
public struct Picture: Sendable, Equatable {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case oddOrEmptySize(width: Int, height: Int)
        case planeSize(plane: String, expected: Int, found: Int)

        public var description: String {
            switch self {
            case let .oddOrEmptySize(width, height):
                "picture size \(width)x\(height): width and height must be even and positive (4:2:0 chroma)"
            case let .planeSize(plane, expected, found):
                "\(plane) plane: expected \(expected) bytes, found \(found)"
            }
        }
    }

    public let width: Int
    public let height: Int
    public var luma: [UInt8]
    public var cb: [UInt8]
    public var cr: [UInt8]

    public var chromaWidth: Int { width / 2 }
    public var chromaHeight: Int { height / 2 }

    public init(width: Int, height: Int, luma: [UInt8], cb: [UInt8], cr: [UInt8]) throws(Problem) {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw .oddOrEmptySize(width: width, height: height)
        }
        let chroma = (width / 2) * (height / 2)
        guard luma.count == width * height else { throw .planeSize(plane: "Y", expected: width * height, found: luma.count) }
        guard cb.count == chroma else { throw .planeSize(plane: "Cb", expected: chroma, found: cb.count) }
        guard cr.count == chroma else { throw .planeSize(plane: "Cr", expected: chroma, found: cr.count) }
        self.width = width
        self.height = height
        self.luma = luma
        self.cb = cb
        self.cr = cr
    }

    /// Converts packed 8-bit RGB (3 bytes a pixel, rows packed) with the BT.601 integer
    /// matrix; each chroma sample is taken from the average colour of its 2x2 pixels.
    public init(width: Int, height: Int, rgb: [UInt8]) throws(Problem) {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw .oddOrEmptySize(width: width, height: height)
        }
        guard rgb.count == width * height * 3 else {
            throw .planeSize(plane: "RGB", expected: width * height * 3, found: rgb.count)
        }
        var luma = [UInt8](repeating: 0, count: width * height)
        var cb = [UInt8](repeating: 0, count: width * height / 4)
        var cr = cb
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                let r = Int(rgb[i]), g = Int(rgb[i + 1]), b = Int(rgb[i + 2])
                luma[y * width + x] = UInt8(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16)
            }
        }
        for y in 0..<height / 2 {
            for x in 0..<width / 2 {
                var r = 0, g = 0, b = 0
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let i = ((2 * y + dy) * width + 2 * x + dx) * 3
                    r += Int(rgb[i]); g += Int(rgb[i + 1]); b += Int(rgb[i + 2])
                }
                r = (r + 2) / 4; g = (g + 2) / 4; b = (b + 2) / 4
                cb[y * (width / 2) + x] = UInt8(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128)
                cr[y * (width / 2) + x] = UInt8(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128)
            }
        }
        self.width = width
        self.height = height
        self.luma = luma
        self.cb = cb
        self.cr = cr
    }
}
