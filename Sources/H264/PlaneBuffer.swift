/// One sample plane the encoder owns, sized to whole macroblocks. Raw memory keeps the
/// per-sample loops free of bounds checks and copy-on-write; the class frees it.
final class PlaneBuffer {
    let width: Int
    let height: Int
    let samples: UnsafeMutablePointer<UInt8>

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        samples = .allocate(capacity: width * height)
        samples.initialize(repeating: 0, count: width * height)
    }

    deinit { samples.deallocate() }

    /// Copies a `sourceWidth` x `sourceHeight` plane in, repeating its last column and row
    /// into the padding so edge macroblocks predict and code cheaply.
    func fill(from source: [UInt8], sourceWidth: Int, sourceHeight: Int) {
        source.withUnsafeBufferPointer { input in
            for y in 0..<height {
                let row = input.baseAddress! + min(y, sourceHeight - 1) * sourceWidth
                let out = samples + y * width
                out.update(from: row, count: sourceWidth)
                if width > sourceWidth {
                    (out + sourceWidth).update(repeating: row[sourceWidth - 1], count: width - sourceWidth)
                }
            }
        }
    }

    /// Sample at (x, y) with coordinates clamped into the plane, as motion compensation
    /// reads reference pictures (clause 8.4.2.2).
    @inline(__always)
    func clamped(_ x: Int, _ y: Int) -> UInt8 {
        samples[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)]
    }
}

/// The three planes of one 4:2:0 picture.
struct PlaneSet {
    let luma: PlaneBuffer
    let cb: PlaneBuffer
    let cr: PlaneBuffer

    init(width: Int, height: Int) {
        luma = PlaneBuffer(width: width, height: height)
        cb = PlaneBuffer(width: width / 2, height: height / 2)
        cr = PlaneBuffer(width: width / 2, height: height / 2)
    }

    func chroma(_ index: Int) -> PlaneBuffer { index == 0 ? cb : cr }
}
