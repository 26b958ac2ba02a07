/// Encodes pictures of one size into an H.264 Constrained Baseline stream: an IDR
/// picture (I_4x4 and I_16x16 macroblocks) every `keyFrameInterval` pictures and P
/// pictures (P_Skip, P_L0_16x16 or intra macroblocks) between them, CAVLC, one slice a picture,
/// one reference picture, a constant QP. It does no I/O: each call returns NAL units.
///
/// Not Sendable: it owns the reconstructed reference picture; keep it in one task or actor.
public final class H264Encoder {
    public struct Configuration: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// Quantisation parameter 0...51 of P pictures; lower is better quality and more bits.
        public var qp: Int
        /// QP of IDR pictures, 0...51; `qp` unless set. A coarser one (qp + 4) brings key
        /// frames down to a Tello's size (about 35 KB at 960x720) at the cost of detail
        /// that P pictures only partly restore.
        public var keyFrameQP: Int
        /// An IDR picture every this many pictures (a Tello sends about one a second).
        public var keyFrameInterval: Int
        /// Motion search range in whole samples (0: only the zero and predicted vectors).
        public var searchRange: Int

        public init(width: Int = 960, height: Int = 720, qp: Int = 26, keyFrameQP: Int? = nil,
                    keyFrameInterval: Int = 30, searchRange: Int = 8) {
            self.width = width
            self.height = height
            self.qp = qp
            self.keyFrameQP = keyFrameQP ?? qp
            self.keyFrameInterval = keyFrameInterval
            self.searchRange = searchRange
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalidConfiguration(String)
        case pictureSize(expected: String, found: String)

        public var description: String {
            switch self {
            case let .invalidConfiguration(reason): "invalid encoder configuration: \(reason)"
            case let .pictureSize(expected, found): "picture is \(found), the encoder was configured for \(expected)"
            }
        }
    }

    /// One encoded picture: for an IDR picture the SPS and PPS come first, then the SEI
    /// with the capture time, then the slice.
    public struct EncodedPicture: Sendable {
        public let isKeyFrame: Bool
        public let units: [NALUnit]
        /// The whole picture as an Annex B byte stream.
        public var annexB: [UInt8] { units.annexB }
    }

    public let configuration: Configuration
    private let parameterSets: ParameterSets
    private let coder: MacroblockCoder
    private var picturesEncoded = 0
    private var frameNumber = 0
    private var picturesSinceKeyFrame = 0
    private var idrCount: UInt32 = 0

    public init(_ configuration: Configuration) throws(Problem) {
        let c = configuration
        guard c.width > 0, c.height > 0, c.width % 2 == 0, c.height % 2 == 0, c.width <= 4096, c.height <= 4096 else {
            throw .invalidConfiguration("size \(c.width)x\(c.height): width and height must be even, 2...4096")
        }
        guard (0...51).contains(c.qp) else { throw .invalidConfiguration("qp \(c.qp) is outside 0...51") }
        guard (0...51).contains(c.keyFrameQP) else { throw .invalidConfiguration("keyFrameQP \(c.keyFrameQP) is outside 0...51") }
        guard c.keyFrameInterval >= 1 else { throw .invalidConfiguration("keyFrameInterval must be at least 1") }
        guard (0...64).contains(c.searchRange) else { throw .invalidConfiguration("searchRange must be 0...64") }
        self.configuration = c
        parameterSets = ParameterSets(width: c.width, height: c.height, qp: c.qp)
        coder = MacroblockCoder(widthInMacroblocks: parameterSets.widthInMacroblocks,
                                heightInMacroblocks: parameterSets.heightInMacroblocks, qp: c.qp)
    }

    /// The reconstruction of the last picture, cropped: what a decoder shows for it.
    public var lastReconstruction: Picture {
        let planes = coder.reference
        func crop(_ plane: PlaneBuffer, _ width: Int, _ height: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: width * height)
            for y in 0..<height { for x in 0..<width { out[y * width + x] = plane.samples[y * plane.width + x] } }
            return out
        }
        let w = configuration.width, h = configuration.height
        // Sizes were validated at init, so this cannot throw.
        return try! Picture(width: w, height: h, luma: crop(planes.luma, w, h),
                            cb: crop(planes.cb, w / 2, h / 2), cr: crop(planes.cr, w / 2, h / 2))
    }

    /// Encodes the next picture. `captureTime` travels in the SEI message.
    ///
    /// `keyFrame` overrides the encoder's own cadence for this picture: true codes an IDR
    /// picture (the next one after it then comes `keyFrameInterval` pictures later), false a
    /// P picture. The first picture is an IDR picture whatever is asked: nothing precedes it
    /// to predict from. A caller that keeps IDR pictures on its own clock (a camera whose
    /// encoder runs from power-on) passes it for every picture.
    public func encode(_ picture: Picture, captureTime: Duration, keyFrame: Bool? = nil) throws(Problem) -> EncodedPicture {
        guard picture.width == configuration.width, picture.height == configuration.height else {
            throw .pictureSize(expected: "\(configuration.width)x\(configuration.height)",
                               found: "\(picture.width)x\(picture.height)")
        }
        coder.source.luma.fill(from: picture.luma, sourceWidth: picture.width, sourceHeight: picture.height)
        coder.source.cb.fill(from: picture.cb, sourceWidth: picture.chromaWidth, sourceHeight: picture.chromaHeight)
        coder.source.cr.fill(from: picture.cr, sourceWidth: picture.chromaWidth, sourceHeight: picture.chromaHeight)

        let idr = picturesEncoded == 0 || (keyFrame ?? (picturesSinceKeyFrame >= configuration.keyFrameInterval))
        if idr { frameNumber = 0; picturesSinceKeyFrame = 0 }
        var units: [NALUnit] = []
        if idr { units += [parameterSets.sequence, parameterSets.picture] }
        units.append(CaptureTimeSEI.unit(captureTime: captureTime, frameIndex: UInt32(truncatingIfNeeded: picturesEncoded)))

        var writer = BitWriter()
        coder.qp = idr ? configuration.keyFrameQP : configuration.qp
        parameterSets.writeSliceHeader(idr: idr, idrPictureID: idrCount % 2, frameNumber: frameNumber,
                                       sliceQP: coder.qp, to: &writer)
        if idr {
            for mbY in 0..<coder.heightInMacroblocks {
                for mbX in 0..<coder.widthInMacroblocks {
                    let modes = coder.chooseIntraModes(x: mbX * 16, y: mbY * 16)
                    coder.codeBestIntra(mbX: mbX, mbY: mbY, modes: modes, inPSlice: false, to: &writer)
                }
            }
        } else {
            var skipRun = 0
            for mbY in 0..<coder.heightInMacroblocks {
                for mbX in 0..<coder.widthInMacroblocks {
                    coder.codeInter(mbX: mbX, mbY: mbY, searchRange: configuration.searchRange,
                                    skipRun: &skipRun, to: &writer)
                }
            }
            if skipRun > 0 { writer.writeUnsignedExpGolomb(UInt32(skipRun)) }
        }
        writer.writeTrailingBits()
        units.append(NALUnit(kind: idr ? .idrSlice : .nonIDRSlice, referenceIndicator: idr ? 3 : 2,
                             payload: writer.alignedBytes))
        coder.finishPicture()
        if idr { idrCount &+= 1 }
        picturesEncoded += 1
        picturesSinceKeyFrame += 1
        frameNumber += 1
        return EncodedPicture(isKeyFrame: idr, units: units)
    }
}
