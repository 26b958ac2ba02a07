@testable import Agent
import H264
import TelloSim
import Testing

@Suite struct AccessUnitAssemblerTests {
    /// NAL units of `types`, each a start code, header and `size` payload bytes (first_mb_in_slice 0 in slices).
    static func picture(_ types: [UInt8], size: Int = 40) -> [[UInt8]] {
        types.map { type in [0, 0, 0, 1, 0x60 | type, 0x88] + [UInt8](repeating: 0x55, count: size) }
    }

    /// The simulator's way: each NAL unit cut into datagrams of at most `max` bytes.
    static func datagrams(_ units: [[UInt8]], max: Int = 1460) -> [[UInt8]] {
        units.flatMap { unit in stride(from: 0, to: unit.count, by: max).map { Array(unit[$0..<min($0 + max, unit.count)]) } }
    }

    @Test func theBundledClipComesOutOnePictureAtATimeWithItsKeyFramesMarked() throws {
        let clip = try #require(H264Packets.bundledTestClip)
        var assembler = AccessUnitAssembler()
        var units: [AccessUnit] = []
        for frame in clip.frames { for datagram in frame { units += assembler.append(datagram, at: .zero) } }
        #expect(units.count == clip.frames.count)
        for (unit, frame) in zip(units, clip.frames) { #expect(unit.bytes == frame.flatMap { $0 }) }
        let keyframes = units.indices.filter { units[$0].isKeyframe }
        #expect(keyframes == [0, 15])
        #expect(assembler.discardedBytes == 0)
    }

    @Test func bytesBeforeTheFirstStartCodeAreSkipped() {
        var assembler = AccessUnitAssembler()
        #expect(assembler.append([0x12, 0x34, 0x56, 0x78], at: .zero).isEmpty)
        let units = Self.datagrams(Self.picture([7, 8, 5])).flatMap { assembler.append($0, at: .zero) }
        #expect(units.count == 1 && units[0].isKeyframe)
        #expect(assembler.discardedBytes == 4)
    }

    @Test func aSliceThatFillsItsLastDatagramExactlyEndsWhenTheNextPictureBegins() {
        var assembler = AccessUnitAssembler(maxDatagram: 100)
        let first = Self.picture([7, 8, 5], size: 100 - 6)  // each unit exactly one full datagram
        var units = Self.datagrams(first, max: 100).flatMap { assembler.append($0, at: .zero) }
        #expect(units.isEmpty, "no short datagram yet: the picture may go on")
        units = Self.datagrams(Self.picture([1], size: 10), max: 100).flatMap { assembler.append($0, at: .seconds(1)) }
        #expect(units.count == 2)
        #expect(units.first?.bytes == first.flatMap { $0 })
        #expect(units.first?.isKeyframe == true && units.last?.isKeyframe == false)
    }

    @Test func aTelloStreamCutAcrossUnitsEndsEachPictureAtItsShortDatagram() {
        var assembler = AccessUnitAssembler(maxDatagram: 64)
        let pictures = [Self.picture([7, 8, 5], size: 150), Self.picture([1], size: 200), Self.picture([1], size: 7)]
        var units: [AccessUnit] = []
        for picture in pictures {
            let stream = picture.flatMap { $0 }
            for start in stride(from: 0, to: stream.count, by: 64) {
                units += assembler.append(Array(stream[start..<min(start + 64, stream.count)]), at: .zero)
            }
        }
        #expect(units.map(\.bytes) == pictures.map { $0.flatMap { $0 } })
    }

    @Test func anOversizedPictureIsDroppedAndTheStreamResynchronises() {
        var assembler = AccessUnitAssembler(maxDatagram: 100, maxBytes: 1000)
        let huge = Self.datagrams(Self.picture([5], size: 2000), max: 100)
        #expect(huge.flatMap { assembler.append($0, at: .zero) }.isEmpty)
        #expect(assembler.discardedBytes > 0)
        let next = Self.datagrams(Self.picture([7, 8, 5], size: 30), max: 100).flatMap { assembler.append($0, at: .zero) }
        #expect(next.count == 1 && next[0].isKeyframe)
    }

    @Test func theCaptureTimeIsReadFromOurSEI() {
        let sei = CaptureTimeSEI.unit(captureTime: .milliseconds(1234), frameIndex: 7).annexB
        let unit = AccessUnit(bytes: sei + Self.picture([1]).flatMap { $0 }, arrival: .seconds(2))
        #expect(unit.captureTime == .milliseconds(1234))
        #expect(AccessUnit(bytes: Self.picture([6, 1]).flatMap { $0 }, arrival: .zero).captureTime == nil)
    }
}
