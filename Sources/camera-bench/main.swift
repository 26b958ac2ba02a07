// The simulated camera's figures on one core: render and encode time per 960x720 frame
// (p50/p99, the thread's CPU time beside wall time), frames per second that reaches,
// bitrate hovering and moving, PSNR of the encoded picture against the rendered one.
//   swift run -c release camera-bench [frames]
// `record` writes what the interop check decodes: the stream, the rendered frames and the
// encoder's reconstruction, raw YUV 4:2:0, for a flight that hovers, turns and flies:
//   camera-bench record OUT.h264 RENDERED.yuv RECONSTRUCTED.yuv [frames]
// `snapshot` encodes one picture of the standard world from a pose (cm, degrees clockwise),
// for pictures in the docs:  camera-bench snapshot OUT.h264 X Y Z YAW
import Foundation
import H264
import SimCamera
import TelloSim

func formatted(_ value: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", value) }

func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
}

func psnr(_ a: Picture, _ b: Picture) -> Double {
    var squared = 0.0
    for plane in [(a.luma, b.luma), (a.cb, b.cb), (a.cr, b.cr)] {
        for index in plane.0.indices { let d = Double(plane.0[index]) - Double(plane.1[index]); squared += d * d }
    }
    let mse = squared / Double(a.luma.count + a.cb.count + a.cr.count)
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}

/// The standard world's flight: hover after takeoff, turn clockwise 90° at the Tello's
/// 90°/s (3° a frame), then fly forward at 100 cm/s toward the red box.
func pose(_ frame: Int, phase: Int) -> (CameraPose, stage: Int) {
    if frame < phase { return (CameraPose(position: SIMD3(0, 0, 100), yaw: 0), 0) }
    if frame < 2 * phase {
        // Still turning for the first 30 frames of the stage, hovering at 90° after.
        return (CameraPose(position: SIMD3(0, 0, 100), yaw: min(90, Double(frame - phase) * 3)), frame - phase < 30 ? 1 : 0)
    }
    return (CameraPose(position: SIMD3(0, -Double(frame - 2 * phase) * 100 / 30, 100), yaw: 90), 2)
}

func percentile(_ values: [Double], _ p: Int) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, sorted.count * p / 100)]
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "snapshot" {
    let numbers = arguments.dropFirst(2).compactMap(Double.init)
    guard arguments.count == 6, numbers.count == 4 else {
        FileHandle.standardError.write(Data("usage: camera-bench snapshot OUT.h264 X Y Z YAW\n".utf8))
        exit(2)
    }
    let view = CameraPose(position: SIMD3(numbers[0], numbers[1], numbers[2]), yaw: numbers[3])
    let picture = SceneRenderer().render(World.standard.scene, from: view)
    let encoded = try H264Encoder(CameraSettings().encoder).encode(picture, captureTime: .zero)
    guard FileManager.default.createFile(atPath: arguments[1], contents: Data(encoded.annexB)) else { fatalError("cannot write \(arguments[1])") }
    exit(0)
}
let recording = arguments.first == "record"
let frames = Int(recording ? (arguments.count > 4 ? arguments[4] : "90") : (arguments.first ?? "180")) ?? 180
let phase = max(frames / 3, 1)
let settings = CameraSettings()
let scene = World.standard.scene
let renderer = SceneRenderer(camera: settings.camera)
let encoder = try H264Encoder(settings.encoder)
var picture = renderer.render(scene, from: pose(0, phase: phase).0)

var outputs: [FileHandle] = []
if recording {
    guard arguments.count >= 4 else {
        FileHandle.standardError.write(Data("usage: camera-bench record OUT.h264 RENDERED.yuv RECONSTRUCTED.yuv [frames]\n".utf8))
        exit(2)
    }
    for path in arguments[1...3] {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { fatalError("cannot write \(path)") }
        outputs.append(handle)
    }
}

var renderCPU: [Double] = [], renderWall: [Double] = [], encodeCPU: [Double] = [], encodeWall: [Double] = []
/// Bytes and frames while hovering, turning, flying forward.
var stageBytes = [0, 0, 0], stageFrames = [0, 0, 0]
var keyBytes: [Int] = [], predictedBytes: [Int] = []
var psnrs: [Double] = []
let clock = ContinuousClock()
for frame in 0..<frames {
    let (view, stage) = pose(frame, phase: phase)
    var start = clock.now, cpu = threadCPUMilliseconds()
    renderer.render(scene, from: view, into: &picture)
    renderWall.append(Double((clock.now - start).components.attoseconds) / 1e15 + Double((clock.now - start).components.seconds) * 1000)
    renderCPU.append(threadCPUMilliseconds() - cpu)
    start = clock.now
    cpu = threadCPUMilliseconds()
    let encoded = try encoder.encode(picture, captureTime: .seconds(1) / 30 * frame)
    encodeWall.append(Double((clock.now - start).components.attoseconds) / 1e15 + Double((clock.now - start).components.seconds) * 1000)
    encodeCPU.append(threadCPUMilliseconds() - cpu)
    let bytes = encoded.annexB.count
    if encoded.isKeyFrame { keyBytes.append(bytes) } else { predictedBytes.append(bytes) }
    stageBytes[stage] += bytes
    stageFrames[stage] += 1
    let reconstruction = encoder.lastReconstruction
    psnrs.append(psnr(picture, reconstruction))
    if recording {
        outputs[0].write(Data(encoded.annexB))
        outputs[1].write(Data(picture.luma + picture.cb + picture.cr))
        outputs[2].write(Data(reconstruction.luma + reconstruction.cb + reconstruction.cr))
    }
}
for handle in outputs { try handle.close() }

let kbits = { (bytes: Int, count: Int) in count == 0 ? 0 : Double(bytes * 8) / Double(count) * 30 / 1000 }
let mean = { (values: [Int]) in values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count) / 1024 }
let both = zip(renderCPU, encodeCPU).map { $0 + $1 }
print("""
    camera 960x720, \(frames) frames of the standard world (hover, cw 90 at 90°/s, forward at 100 cm/s), \
    encoder qp \(settings.encoder.qp), key frames qp \(settings.encoder.keyFrameQP), IDR every \(settings.encoder.keyFrameInterval)
    render: CPU p50 \(formatted(percentile(renderCPU, 50))) ms, p99 \(formatted(percentile(renderCPU, 99))) ms \
    (wall p50 \(formatted(percentile(renderWall, 50))) ms, p99 \(formatted(percentile(renderWall, 99))) ms)
    encode: CPU p50 \(formatted(percentile(encodeCPU, 50))) ms, p99 \(formatted(percentile(encodeCPU, 99))) ms \
    (wall p50 \(formatted(percentile(encodeWall, 50))) ms, p99 \(formatted(percentile(encodeWall, 99))) ms)
    render+encode: CPU p50 \(formatted(percentile(both, 50))) ms, p99 \(formatted(percentile(both, 99))) ms, \
    mean \(formatted(both.reduce(0, +) / Double(both.count))) ms: \(formatted(Double(both.count) * 1000 / both.reduce(0, +), 1)) fps on one free core
    bitrate at 30 fps: hovering \(formatted(kbits(stageBytes[0], stageFrames[0]), 0)) kbit/s, \
    turning \(formatted(kbits(stageBytes[1], stageFrames[1]), 0)) kbit/s, flying \(formatted(kbits(stageBytes[2], stageFrames[2]), 0)) kbit/s; \
    IDR \(formatted(mean(keyBytes), 1)) KiB, P \(formatted(mean(predictedBytes), 2)) KiB
    PSNR encoded vs rendered: mean \(formatted(psnrs.reduce(0, +) / Double(psnrs.count))) dB, min \(formatted(psnrs.min() ?? 0)) dB
    """)
