/// Codes the macroblocks of one picture after another: prediction, transform,
/// quantisation, reconstruction (exactly as a decoder will) and the macroblock_layer()
/// syntax. It keeps what later macroblocks read from earlier ones: reconstructed samples,
/// coefficient counts for CAVLC's nC, and motion vectors for their prediction.
final class MacroblockCoder {
    let widthInMacroblocks: Int
    let heightInMacroblocks: Int
    /// The picture's QP (every macroblock uses it: mb_qp_delta is always 0).
    var qp: Int {
        didSet { chromaQP = Transform.chromaQP(qp) }
    }
    private(set) var chromaQP: Int

    var source: PlaneSet
    var reconstruction: PlaneSet
    var reference: PlaneSet

    /// TotalCoeff of every 4x4 luma block (AC only for Intra_16x16), for nC (clause 9.2.1).
    var lumaCounts: [UInt8]
    /// The same for the chroma AC blocks of Cb (index 0) and Cr (index 1).
    var chromaCounts: [[UInt8]]
    /// Per macroblock: reference index (-1 for intra) and motion vector in quarter samples.
    /// Intra4x4PredMode of every 4x4 luma block; 2 (DC) for macroblocks that are not
    /// I_4x4, which is what the mode prediction of clause 8.3.1.1 assumes for them.
    var intra4x4Modes: [UInt8]
    var referenceIndex: [Int8]
    var motionX: [Int16]
    var motionY: [Int16]

    // Scratch for the macroblock being coded.
    let lumaPrediction = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    let chromaPrediction = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
    let candidate = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    /// Luma levels, 16 per 4x4 block in luma4x4BlkIdx order, raster within a block.
    let lumaLevels = UnsafeMutablePointer<Int32>.allocate(capacity: 256)
    /// Intra_16x16 DC levels, raster over the 4x4 grid of blocks.
    let lumaDC = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    /// Chroma levels: 4 blocks of 16 per component; DC levels 4 per component.
    let chromaLevels = UnsafeMutablePointer<Int32>.allocate(capacity: 128)
    let chromaDC = UnsafeMutablePointer<Int32>.allocate(capacity: 8)
    let work = UnsafeMutablePointer<Int32>.allocate(capacity: 16)
    var lumaBlockCounts = [Int](repeating: 0, count: 16)

    init(widthInMacroblocks: Int, heightInMacroblocks: Int, qp: Int) {
        self.widthInMacroblocks = widthInMacroblocks
        self.heightInMacroblocks = heightInMacroblocks
        self.qp = qp
        chromaQP = Transform.chromaQP(qp)
        let width = widthInMacroblocks * 16, height = heightInMacroblocks * 16
        source = PlaneSet(width: width, height: height)
        reconstruction = PlaneSet(width: width, height: height)
        reference = PlaneSet(width: width, height: height)
        let macroblocks = widthInMacroblocks * heightInMacroblocks
        lumaCounts = [UInt8](repeating: 0, count: macroblocks * 16)
        chromaCounts = [[UInt8]](repeating: [UInt8](repeating: 0, count: macroblocks * 4), count: 2)
        intra4x4Modes = [UInt8](repeating: 2, count: macroblocks * 16)
        referenceIndex = [Int8](repeating: -1, count: macroblocks)
        motionX = [Int16](repeating: 0, count: macroblocks)
        motionY = [Int16](repeating: 0, count: macroblocks)
    }

    deinit {
        for pointer in [lumaPrediction, chromaPrediction, candidate] { pointer.deallocate() }
        for pointer in [lumaLevels, lumaDC, chromaLevels, chromaDC, work] { pointer.deallocate() }
    }

    /// The reconstruction becomes the reference for the next picture.
    func finishPicture() {
        swap(&reconstruction, &reference)
    }

    /// 4x4 block position (in blocks, within the macroblock) of luma4x4BlkIdx (clause 6.4.3).
    static let blockX: [Int] = (0..<16).map { ($0 / 4 % 2) * 2 + $0 % 2 }
    static let blockY: [Int] = (0..<16).map { ($0 / 8) * 2 + ($0 % 4) / 2 }

    /// nC for a luma block at 4x4-block coordinates (gx, gy) of the picture (clause 9.2.1).
    func lumaNC(_ gx: Int, _ gy: Int) -> Int {
        let stride = widthInMacroblocks * 4
        return predictedCount(left: gx > 0 ? Int(lumaCounts[gy * stride + gx - 1]) : nil,
                              top: gy > 0 ? Int(lumaCounts[(gy - 1) * stride + gx]) : nil)
    }

    func chromaNC(_ component: Int, _ gx: Int, _ gy: Int) -> Int {
        let stride = widthInMacroblocks * 2
        let counts = chromaCounts[component]
        return predictedCount(left: gx > 0 ? Int(counts[gy * stride + gx - 1]) : nil,
                              top: gy > 0 ? Int(counts[(gy - 1) * stride + gx]) : nil)
    }

    private func predictedCount(left: Int?, top: Int?) -> Int {
        switch (left, top) {
        case let (a?, b?): (a + b + 1) >> 1
        case let (a?, nil): a
        case let (nil, b?): b
        case (nil, nil): 0
        }
    }

    /// Marks a macroblock's 4x4 blocks as not I_4x4 for later mode prediction.
    func clearIntra4x4Modes(mbX: Int, mbY: Int) {
        let stride = widthInMacroblocks * 4
        for row in 0..<4 {
            for column in 0..<4 { intra4x4Modes[(mbY * 4 + row) * stride + mbX * 4 + column] = 2 }
        }
    }

    /// Adds a packed residual-free prediction block to the reconstruction unchanged.
    func storePrediction(_ prediction: UnsafePointer<UInt8>, size: Int, into plane: PlaneBuffer, x: Int, y: Int) {
        for row in 0..<size {
            (plane.samples + (y + row) * plane.width + x).update(from: prediction + row * size, count: size)
        }
    }
}
