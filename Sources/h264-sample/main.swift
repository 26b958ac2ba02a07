// Writes a synthetic moving scene as an H.264 Annex B stream, and the same frames as raw
// YUV 4:2:0 with the encoder's own reconstruction, so an independent decoder's output can
// be compared with both (it must equal the reconstruction exactly and be close to the input):
//   h264-sample encode OUT.h264 INPUT.yuv RECONSTRUCTION.yuv [frames] [width] [height] [qp] [pan|still|noise] [key-frame qp]
// "still" repeats the first frame (a hovering drone) instead of panning; "noise" encodes
// seeded random samples, the worst case for level escapes and coefficient counts.
//   h264-sample psnr A.yuv B.yuv width height   (prints the PSNR of every frame and the minimum)
import Foundation
import H264

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("h264-sample: \(message)\n".utf8))
    exit(2)
}

func number(_ arguments: [String], _ index: Int, default value: Int) -> Int {
    guard arguments.count > index else { return value }
    guard let parsed = Int(arguments[index]), parsed > 0 else { fail("'\(arguments[index])' is not a positive number") }
    return parsed
}

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "encode":
    guard arguments.count >= 5 else { fail("usage: encode OUT.h264 INPUT.yuv RECONSTRUCTION.yuv [frames] [width] [height] [qp] [pan|still|noise] [key-frame qp]") }
    let frames = number(arguments, 5, default: 60)
    let width = number(arguments, 6, default: 960), height = number(arguments, 7, default: 720)
    let qp = number(arguments, 8, default: 26)
    let mode = arguments.count > 9 ? arguments[9] : "pan"
    let keyFrameQP = number(arguments, 10, default: qp)
    guard ["pan", "still", "noise"].contains(mode) else { fail("mode '\(mode)' is not pan, still or noise") }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func noise(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
    }
    do {
        let encoder = try H264Encoder(.init(width: width, height: height, qp: qp, keyFrameQP: keyFrameQP))
        var stream = Data(), raw = Data(), reconstruction = Data()
        for frame in 0..<frames {
            let picture = mode == "noise"
                ? try Picture(width: width, height: height, luma: noise(width * height),
                              cb: noise(width * height / 4), cr: noise(width * height / 4))
                : try TestPattern.picture(width: width, height: height, frame: mode == "still" ? 0 : frame)
            let encoded = try encoder.encode(picture, captureTime: .milliseconds(frame * 1000 / 30))
            stream.append(contentsOf: encoded.annexB)
            raw.append(contentsOf: picture.luma + picture.cb + picture.cr)
            let decoded = encoder.lastReconstruction
            reconstruction.append(contentsOf: decoded.luma + decoded.cb + decoded.cr)
        }
        try stream.write(to: URL(fileURLWithPath: arguments[2]))
        try raw.write(to: URL(fileURLWithPath: arguments[3]))
        try reconstruction.write(to: URL(fileURLWithPath: arguments[4]))
        print("wrote \(frames) frames \(width)x\(height) qp \(qp): \(stream.count) bytes")
    } catch {
        fail("\(error)")
    }
case "psnr":
    guard arguments.count == 6 else { fail("usage: psnr A.yuv B.yuv width height") }
    let width = number(arguments, 4, default: 0), height = number(arguments, 5, default: 0)
    guard let a = FileManager.default.contents(atPath: arguments[2]),
          let b = FileManager.default.contents(atPath: arguments[3]) else { fail("cannot read the YUV files") }
    let frameSize = width * height * 3 / 2
    guard a.count == b.count, a.count > 0, a.count % frameSize == 0 else {
        fail("sizes differ or are not whole frames: \(a.count) and \(b.count) bytes, frame \(frameSize)")
    }
    func picture(_ data: Data, _ frame: Int) throws -> Picture {
        let bytes = [UInt8](data[frame * frameSize..<(frame + 1) * frameSize])
        let lumaSize = width * height, chromaSize = lumaSize / 4
        return try Picture(width: width, height: height, luma: Array(bytes[0..<lumaSize]),
                           cb: Array(bytes[lumaSize..<lumaSize + chromaSize]),
                           cr: Array(bytes[lumaSize + chromaSize..<lumaSize + 2 * chromaSize]))
    }
    var minimum = Double.infinity
    do {
        for frame in 0..<(a.count / frameSize) {
            let value = TestPattern.psnr(try picture(a, frame), try picture(b, frame))
            minimum = min(minimum, value)
        }
    } catch { fail("\(error)") }
    print("frames \(a.count / frameSize) min-psnr \(String(format: "%.2f", minimum))")
default:
    fail("usage: h264-sample encode|psnr ...")
}
