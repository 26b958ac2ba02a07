import H264
import SimCamera

/// What a simulated drone sends on its video port after `streamon`.
public enum VideoSource: Sendable {
    /// The forward camera: the world drawn from the drone's pose and H.264-encoded, 30
    /// frames per simulated second (docs/tello-sim.md, "Camera").
    case render(CameraSettings)
    /// A recorded Annex B stream looped at 30 fps: the bundled clip or a file.
    case clip(H264Packets)
    /// Nothing: `streamon` is answered `ok` and no datagram follows.
    case off

    /// The camera with a Tello's settings.
    public static var camera: VideoSource { .render(CameraSettings()) }
}

/// The camera's lens and its encoder's settings.
public struct CameraSettings: Sendable, Equatable {
    public var camera = PinholeCamera.tello
    /// A Tello's stream shape: an IDR picture a second at 30 fps, P pictures between. The
    /// key frames' coarser QP is what brings detailed pictures to a Tello's ~35 KB; our
    /// flat-shaded world stays far below that either way, and P pictures at 26 keep PSNR
    /// above 44 dB (docs/tello-sim.md, "Camera figures").
    public var encoder = H264Encoder.Configuration(width: 960, height: 720, qp: 26, keyFrameQP: 30,
                                                   keyFrameInterval: 30, searchRange: 8)
    /// Frames per simulated second.
    public var framesPerSecond = 30

    public init() {}

    var framePeriod: Duration { .seconds(1) / framesPerSecond }
}

/// `--video render|clip|off|FILE`, as tello-sim and tello-agent (`--sim-video`) take it.
public enum VideoChoice: Sendable, Equatable, CustomStringConvertible {
    case render
    case clip
    case off
    case file(String)

    public init(_ text: String) {
        switch text {
        case "render": self = .render
        case "clip": self = .clip
        case "off": self = .off
        default: self = .file(text)
        }
    }

    public var description: String {
        switch self {
        case .render: "render"
        case .clip: "clip"
        case .off: "off"
        case .file(let path): path
        }
    }

    /// The source this choice names; a file that cannot be read, or holds no H.264
    /// picture, is an error naming it (the bundled clip missing from an install too).
    public func source() throws(CommandLineError) -> VideoSource {
        switch self {
        case .render: return .camera
        case .off: return .off
        case .clip:
            guard let clip = H264Packets.bundledTestClip else { throw CommandLineError("the bundled test clip is missing from this installation") }
            return .clip(clip)
        case .file(let path):
            guard let clip = H264Packets.load(path: path) else {
                throw CommandLineError("\(path) is not a readable H.264 Annex-B file (and not render, clip or off)")
            }
            return .clip(clip)
        }
    }
}
