import Agent
import Testing

@Suite struct VideoFrameHeaderTests {
    @Test func theLayoutIsTheDocumentedOne() {
        let header = VideoFrameHeader(flags: [.keyframe, .captureTime], sequence: 0x0102_0304,
                                      timeMicros: 0x1122_3344_5566_7788, arrivalMicros: -2)
        #expect(header.bytes == [1, 3, 0, 24, 1, 2, 3, 4, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE])
        let parsed = VideoFrameHeader.parse(header.bytes + [0, 0, 0, 1, 0x65])
        #expect(parsed?.header == header && parsed?.payloadOffset == 24)
    }

    @Test func aLongerHeaderFromALaterVersionIsSkippedByItsLength() {
        var bytes = VideoFrameHeader(flags: [], sequence: 9, timeMicros: 1, arrivalMicros: 2).bytes
        bytes[3] = 28
        bytes += [0xAA, 0xBB, 0xCC, 0xDD, 0, 0, 1, 0x41]
        #expect(VideoFrameHeader.parse(bytes)?.payloadOffset == 28)
    }

    @Test func truncatedOrForeignHeadersAreRefused() {
        let bytes = VideoFrameHeader(flags: [], sequence: 1, timeMicros: 1, arrivalMicros: 1).bytes
        #expect(VideoFrameHeader.parse(Array(bytes.prefix(23))) == nil)
        var other = bytes
        other[0] = 2
        #expect(VideoFrameHeader.parse(other) == nil)
        var short = bytes
        short[3] = 10
        #expect(VideoFrameHeader.parse(short) == nil)
    }
}
