import Testing
@testable import TelloSim

@Suite("H264Packets")
struct H264PacketsTests {
    @Test func cutsNALUnitsIntoFramesOfSmallDatagrams() throws {
        let sps: [UInt8] = [0, 0, 0, 1, 0x67, 1, 2]
        let pps: [UInt8] = [0, 0, 1, 0x68, 3]
        let idr: [UInt8] = [0, 0, 0, 1, 0x65] + Array(repeating: 7, count: 3000)
        let slice: [UInt8] = [0, 0, 1, 0x41, 9, 9]
        let packets = try #require(H264Packets(annexB: [0xAA] + sps + pps + idr + slice))
        #expect(packets.frames.count == 2)
        // Frame 1: SPS, PPS, then the 3005-byte IDR unit in pieces of 1460, 1460 and 85.
        #expect(packets.frames[0].map(\.count) == [sps.count, pps.count, 1460, 1460, 85])
        #expect(packets.frames[0][0] == sps && packets.frames[0][1] == pps)
        #expect(Array(packets.frames[0][2...].joined()) == idr)
        #expect(packets.frames[1] == [slice])
    }

    @Test func refusesStreamsWithoutPictures() {
        #expect(H264Packets(annexB: []) == nil)
        #expect(H264Packets(annexB: [0, 0, 1, 0x67, 1]) == nil)
        #expect(H264Packets(annexB: [1, 2, 3, 4, 5]) == nil)
    }

    @Test func bundledClipHasAllThirtyFramesWithinTheDatagramLimit() throws {
        let clip = try #require(H264Packets.bundledTestClip)
        #expect(clip.frames.count == 30)
        #expect(clip.frames.allSatisfy { $0.allSatisfy { $0.count <= 1460 } })
    }
}
