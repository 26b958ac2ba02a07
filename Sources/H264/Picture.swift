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
        let chromaWidth = width / 2
        rgb.withUnsafeBufferPointer { input in
            luma.withUnsafeMutableBufferPointer { y in
                for index in 0..<width * height {
                    let r = Int(input[3 * index]), g = Int(input[3 * index + 1]), b = Int(input[3 * index + 2])
                    y[index] = UInt8(truncatingIfNeeded: ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16)
                }
            }
            cb.withUnsafeMutableBufferPointer { u in
                cr.withUnsafeMutableBufferPointer { v in
                    for cy in 0..<height / 2 {
                        for cx in 0..<chromaWidth {
                            let top = (2 * cy * width + 2 * cx) * 3, bottom = top + width * 3
                            // Mean colour of the 2x2 pixels, rounded.
                            let r = (Int(input[top]) + Int(input[top + 3]) + Int(input[bottom]) + Int(input[bottom + 3]) + 2) >> 2
                            let g = (Int(input[top + 1]) + Int(input[top + 4]) + Int(input[bottom + 1]) + Int(input[bottom + 4]) + 2) >> 2
                            let b = (Int(input[top + 2]) + Int(input[top + 5]) + Int(input[bottom + 2]) + Int(input[bottom + 5]) + 2) >> 2
                            u[cy * chromaWidth + cx] = UInt8(truncatingIfNeeded: ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128)
                            v[cy * chromaWidth + cx] = UInt8(truncatingIfNeeded: ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128)
                        }
                    }
                }
            }
        }
        self.width = width
        self.height = height
        self.luma = luma
        self.cb = cb
        self.cr = cr
    }
}
