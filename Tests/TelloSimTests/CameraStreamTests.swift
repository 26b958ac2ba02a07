import Clocks
import H264
import SimCamera
import TelloSDK
import TelloSim
import Testing
import TestSupport
import Sockets

/// The camera over UDP, on virtual time: frames while the stream is on and only then,
/// Tello-like unit order, capture times in the SEI, the mid-GOP join, the lossy link.
@Suite("Camera stream over UDP")
struct CameraStreamTests {
    /// A small camera keeps the debug-build encoder quick; the stream's shape is the same.
    static var smallCamera: VideoSource {
        var settings = CameraSettings()
        settings.camera = PinholeCamera(width: 160, height: 120, focalLength: 153)
        return .render(settings)
    }

    static let period = Duration.seconds(1) / 30

    @Test func framesFlowOnlyWhileTheStreamIsOnEachStampedWithItsCaptureTime() async throws {
        let harness = try await UDPHarness.make(videoSource: Self.smallCamera)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            await harness.fly(for: .seconds(1))
            #expect(await harness.drone.cameraCounts == nil, "no camera is made, nothing drawn, before streamon")
            #expect(try await harness.ask("streamon") == "ok")
            let streamOn = harness.time.now
            try await Self.step(harness, frames: 2)
            var reader = VideoReader(harness.video)
            let first = try await reader.nextPicture()
            #expect(first.kinds == [7, 8, 6, 5], "SPS, PPS, SEI, IDR slice, each in its own datagrams")
            #expect(first.datagrams.allSatisfy { $0.count <= TelloPorts.maxVideoDatagram })
            let stamp = try #require(first.captureTime)
            #expect(stamp - streamOn < .microseconds(1) && streamOn - stamp < .microseconds(1), "\(stamp) vs \(streamOn)")
            #expect(try await harness.ask("streamoff") == "ok")
            try await Self.settle(harness)
            let asked = await harness.drone.cameraCounts?.requested ?? 0
            #expect(asked >= 3)
            await harness.fly(for: .seconds(1))
            #expect(await harness.drone.cameraCounts?.requested == asked, "no frame is drawn after streamoff")
        }
    }

    @Test func aClientJoiningMidGOPSeesPPicturesUntilTheNextKeyFrame() async throws {
        let harness = try await UDPHarness.make(videoSource: Self.smallCamera, joinsMidGOP: true)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            await harness.fly(for: .milliseconds(500))  // frame 15 of the drone's first GOP
            #expect(try await harness.ask("streamon") == "ok")
            try await Self.step(harness, frames: 16)  // frames 16...31
            var reader = VideoReader(harness.video)
            var predicted = 0
            while true {
                let picture = try await reader.nextPicture()
                if picture.kinds.contains(7) {
                    #expect(picture.kinds == [7, 8, 6, 5])
                    let stamp = try #require(picture.captureTime)
                    #expect(stamp - Self.period * 30 < .microseconds(1) && Self.period * 30 - stamp < .microseconds(1),
                            "the key frame falls on the drone's clock: \(stamp)")
                    break
                }
                #expect(picture.kinds == [6, 1], "before the key frame only P pictures: \(picture.kinds)")
                predicted += 1
            }
            #expect(predicted == 14, "frames 16...29")
            #expect(await harness.drone.cameraCounts?.withheld == 1)
        }
    }

    @Test func aLossyVideoLinkDropsDatagramsUntilTheFaultIsLifted() async throws {
        var faults = FaultPlan()
        faults.videoLoss = 1
        let harness = try await UDPHarness.make(faults: faults, videoSource: Self.smallCamera)
        try await harness.serving { () async throws in
            #expect(try await harness.ask("command") == "ok")
            #expect(try await harness.ask("streamon") == "ok")
            try await Self.step(harness, frames: 3)
            let counts = try #require(await harness.drone.cameraCounts)
            #expect(counts.encoded >= 3 && counts.datagramsLost >= counts.encoded * 2, "\(counts)")
            try await harness.drone.setFaults(FaultPlan())
            try await Self.step(harness, frames: 1)
            var reader = VideoReader(harness.video)
            let picture = try await reader.nextPicture()
            #expect(picture.kinds == [6, 1], "P pictures again (the key frame was lost): \(picture.kinds)")
        }
    }

    /// Waits for the frame streamon asks for at once, then moves virtual time on one frame
    /// at a time, each time waiting until the camera has been asked for that frame and is done.
    static func step(_ harness: UDPHarness, frames: Int) async throws {
        try await settle(harness, requested: 1)
        for _ in 0..<frames {
            let asked = await harness.drone.cameraCounts?.requested ?? 0
            harness.time.advance(by: period)
            try await settle(harness, requested: asked + 1)
        }
    }

    /// Waits (bounded) until the camera has been asked for `requested` frames and has done them all.
    static func settle(_ harness: UDPHarness, requested: Int = 0, within seconds: Double = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            let counts = await harness.drone.cameraCounts ?? CameraCounts()
            if counts.requested >= requested, counts.requested == counts.encoded + counts.skipped { return }
            guard ContinuousClock.now < deadline else { throw HarnessError(message: "camera still busy: \(counts)") }
            await Task.yield()
        }
    }
}

/// Reads the video socket as a decoder's packetiser would: NAL units from datagrams,
/// pictures ending at each slice.
struct VideoReader {
    struct Picture {
        var kinds: [UInt8] = []
        var datagrams: [[UInt8]] = []
        var captureTime: Duration?
    }

    let socket: UDPSocket
    /// A datagram read past the end of the last picture: the next one's first.
    private var carried: [UInt8]?
    init(_ socket: UDPSocket) { self.socket = socket }

    /// The next whole picture (its units up to and including the slice), failing after 5 s without a datagram.
    mutating func nextPicture() async throws -> Picture {
        var picture = Picture()
        var unit: [UInt8] = []
        while true {
            let datagram: [UInt8]
            if let carried { datagram = carried; self.carried = nil } else {
                datagram = try await UDPHarness.receive(on: socket, within: 5).bytes
            }
            let kind = unit.count > 4 ? unit[4] & 0x1F : 0
            if datagram.starts(with: [0, 0, 0, 1]) {
                if kind == 1 || kind == 5 {
                    // The slice was a whole number of full datagrams: this starts the next picture.
                    carried = datagram
                    Self.finish(unit, into: &picture)
                    return picture
                }
                Self.finish(unit, into: &picture)
                unit = datagram
            } else {
                unit += datagram
            }
            picture.datagrams.append(datagram)
            let now = unit.count > 4 ? unit[4] & 0x1F : 0
            // A slice ends the picture at its first datagram shorter than the maximum.
            if (now == 1 || now == 5), datagram.count < TelloPorts.maxVideoDatagram {
                Self.finish(unit, into: &picture)
                return picture
            }
        }
    }

    private static func finish(_ unit: [UInt8], into picture: inout Picture) {
        guard unit.count > 4 else { return }
        picture.kinds.append(unit[4] & 0x1F)
        guard unit[4] & 0x1F == 6 else { return }
        // Undo emulation prevention (a 03 after two zero bytes) before reading the message.
        var rbsp: [UInt8] = []
        var zeros = 0
        for byte in unit[5...] {
            if zeros >= 2, byte == 3 { zeros = 0; continue }
            rbsp.append(byte)
            zeros = byte == 0 ? zeros + 1 : 0
        }
        picture.captureTime = CaptureTimeSEI.parse(rbsp: rbsp)?.captureTime
    }
}
