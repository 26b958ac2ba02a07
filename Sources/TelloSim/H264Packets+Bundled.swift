import Foundation

extension H264Packets {
    /// The committed test clip: one second of ffmpeg's `testsrc2` pattern, 960x720 at
    /// 30 fps, H.264 baseline, Annex B, an IDR with SPS/PPS every 15 frames (75 KB),
    /// made with:
    /// `ffmpeg -f lavfi -i testsrc2=size=960x720:rate=30 -t 1 -c:v libx264 -profile:v baseline
    ///  -crf 38 -g 15 -x264-params repeat-headers=1 -bsf:v h264_mp4toannexb -f h264 test-clip.h264`.
    /// Read once, on first use; nil if the resource bundle is missing.
    public static let bundledTestClip: H264Packets? = {
        guard let url = Bundle.module.url(forResource: "test-clip", withExtension: "h264"),
              let data = try? Data(contentsOf: url) else { return nil }
        return H264Packets(annexB: Array(data))
    }()

    /// Reads an Annex-B file (`tello-sim --video FILE`); nil if unreadable or not H.264.
    public static func load(path: String) -> H264Packets? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return H264Packets(annexB: Array(data))
    }
}
