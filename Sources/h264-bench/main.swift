// Encoder figures on one core: encode time per 960x720 picture (p50/p99), pictures per
// second that reaches, bitrate at 30 fps and PSNR, for a still scene (a hovering drone)
// and a panning one. Run: swift run -c release h264-bench [frames] [qp] [key-frame qp]
// Wall time suffers when other programs share the cores; the thread's CPU time per
// picture is printed beside it, and is what one free core would take.
import Foundation
import H264

func formatted(_ value: Double, _ decimals: Int = 2) -> String {
    String(format: "%.\(decimals)f", value)
}

func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

let arguments = CommandLine.arguments
let frames = arguments.count > 1 ? Int(arguments[1]) ?? 90 : 90
let qp = arguments.count > 2 ? Int(arguments[2]) ?? 26 : 26
let keyFrameQP = arguments.count > 3 ? Int(arguments[3]) ?? qp : qp
let width = 960, height = 720

// The renderer may hand over RGB: what converting one 960x720 frame costs.
do {
    let rgb = (0..<width * height * 3).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    var conversions: [Double] = []
    for _ in 0..<30 {
        let start = threadCPUMilliseconds()
        _ = try Picture(width: width, height: height, rgb: rgb)
        conversions.append(threadCPUMilliseconds() - start)
    }
    conversions.sort()
    print("rgb->yuv 960x720 (BT.601): CPU p50 \(formatted(conversions[15])) ms, p99 \(formatted(conversions[29])) ms")
} catch {
    print("h264-bench: \(error)")
}

for still in [true, false] {
    do {
        let encoder = try H264Encoder(.init(width: width, height: height, qp: qp, keyFrameQP: keyFrameQP))
        // Scenes are made before timing so only the encoder is measured.
        let pictures = try (0..<min(frames, 60)).map { try TestPattern.picture(width: width, height: height, frame: still ? 0 : $0) }
        var times: [Double] = [], cpuTimes: [Double] = []
        var keyBytes: [Int] = [], predictedBytes: [Int] = []
        var psnrs: [Double] = []
        let clock = ContinuousClock()
        for frame in 0..<frames {
            let picture = pictures[frame % pictures.count]
            let start = clock.now, cpuStart = threadCPUMilliseconds()
            let encoded = try encoder.encode(picture, captureTime: .milliseconds(frame * 33))
            times.append(milliseconds(clock.now - start))
            cpuTimes.append(threadCPUMilliseconds() - cpuStart)
            let bytes = encoded.annexB.count
            if encoded.isKeyFrame { keyBytes.append(bytes) } else { predictedBytes.append(bytes) }
            psnrs.append(TestPattern.psnr(picture, encoder.lastReconstruction))
        }
        times.sort()
        cpuTimes.sort()
        let p50 = times[times.count / 2], p99 = times[min(times.count - 1, times.count * 99 / 100)]
        let cpu50 = cpuTimes[cpuTimes.count / 2], cpu99 = cpuTimes[min(cpuTimes.count - 1, cpuTimes.count * 99 / 100)]
        let totalBytes = keyBytes.reduce(0, +) + predictedBytes.reduce(0, +)
        let kbits = Double(totalBytes * 8) / Double(frames) * 30 / 1000
        let average = { (values: [Int]) in values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count) / 1024 }
        print("""
            \(still ? "still " : "moving") \(width)x\(height) qp \(qp) (key frames \(keyFrameQP)), \(frames) pictures (IDR every 30): \
            encode wall p50 \(formatted(p50)) ms, p99 \(formatted(p99)) ms; CPU p50 \(formatted(cpu50)) ms, \
            p99 \(formatted(cpu99)) ms, \(formatted(1000 / cpu50, 1)) fps on one free core; \
            \(formatted(kbits, 0)) kbit/s at 30 fps; IDR \(formatted(average(keyBytes), 1)) KiB, \
            P \(formatted(average(predictedBytes), 2)) KiB; PSNR mean \(formatted(psnrs.reduce(0, +) / Double(psnrs.count))) dB, \
            min \(formatted(psnrs.min() ?? 0)) dB
            """)
    } catch {
        print("h264-bench: \(error)")
    }
}
