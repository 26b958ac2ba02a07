import H264
import Testing

@Suite struct EncoderTests {
    private func flat(_ width: Int, _ height: Int, luma: UInt8 = 100) throws -> Picture {
        try Picture(width: width, height: height, luma: .init(repeating: luma, count: width * height),
                    cb: .init(repeating: 128, count: width * height / 4), cr: .init(repeating: 128, count: width * height / 4))
    }

    @Test func parameterSetsFor960x720AreTheHandDerivedBytes() throws {
        let encoder = try H264Encoder(.init())
        let first = try encoder.encode(try flat(960, 720), captureTime: .zero)
        // profile 66, constraint_set0+1, level 3.1; ue 0, 4, 2, 1; gaps 0; ue 59, 44;
        // frame_mbs_only 1, direct_8x8 1, no cropping, no VUI, stop bit.
        #expect(first.units[0].encapsulated == [0x67, 0x42, 0xC0, 0x1F, 0x95, 0xA0, 0x3C, 0x05, 0xB9])
        // CAVLC, one slice group, one reference, QP 26, deblocking control present, stop bit.
        #expect(first.units[1].encapsulated == [0x68, 0xCE, 0x3C, 0x80])
    }

    @Test func groupOfPicturesAndUnitOrder() throws {
        let encoder = try H264Encoder(.init(width: 32, height: 32, keyFrameInterval: 3))
        var kinds: [[NALUnit.Kind]] = []
        for _ in 0..<4 { kinds.append(try encoder.encode(try flat(32, 32), captureTime: .zero).units.map(\.kind)) }
        let keyFrame: [NALUnit.Kind] = [.sequenceParameterSet, .pictureParameterSet, .supplementalEnhancementInformation, .idrSlice]
        let predicted: [NALUnit.Kind] = [.supplementalEnhancementInformation, .nonIDRSlice]
        #expect(kinds == [keyFrame, predicted, predicted, keyFrame])
    }

    @Test func theCallerCanPlaceKeyFramesAndTheCadenceRestartsAfterThem() throws {
        let encoder = try H264Encoder(.init(width: 32, height: 32, keyFrameInterval: 3))
        var key: [Bool] = []
        // The first picture is a key frame even when a P picture is asked for: nothing precedes it.
        for asked in [false, nil, true, nil, nil, nil, false] as [Bool?] {
            key.append(try encoder.encode(try flat(32, 32), captureTime: .zero, keyFrame: asked).isKeyFrame)
        }
        #expect(key == [true, false, true, false, false, true, false])
    }

    @Test func captureTimeTravelsInTheSEI() throws {
        let encoder = try H264Encoder(.init(width: 32, height: 32))
        _ = try encoder.encode(try flat(32, 32), captureTime: .zero)
        let second = try encoder.encode(try flat(32, 32), captureTime: .milliseconds(1234) + .nanoseconds(5))
        let sei = try #require(second.units.first { $0.kind == .supplementalEnhancementInformation })
        let parsed = try #require(CaptureTimeSEI.parse(rbsp: sei.payload))
        #expect(parsed.captureTime == .nanoseconds(1_234_000_005))
        #expect(parsed.frameIndex == 1)
        #expect(CaptureTimeSEI.parse(rbsp: [5, 28] + [UInt8](repeating: 0, count: 28)) == nil)
    }

    @Test func anUnchangedPictureIsAllSkipped() throws {
        let encoder = try H264Encoder(.init(width: 320, height: 240))
        let picture = try TestPattern.picture(width: 320, height: 240, frame: 0)
        let key = try encoder.encode(picture, captureTime: .zero)
        // The first P picture refines what the IDR left; after that nothing changes.
        _ = try encoder.encode(picture, captureTime: .milliseconds(33))
        let repeatPicture = try encoder.encode(picture, captureTime: .milliseconds(67))
        let slice = try #require(repeatPicture.units.last)
        // Slice header (4 bytes or so) and one mb_skip_run of 300: a hovering drone costs nothing.
        #expect(slice.payload.count <= 8)
        #expect(key.units.last!.payload.count > 100 * slice.payload.count)
    }

    @Test func reconstructionIsCloseToTheInputForTheTestScene() throws {
        let encoder = try H264Encoder(.init(width: 192, height: 128))
        for frame in 0..<3 {
            let picture = try TestPattern.picture(width: 192, height: 128, frame: frame)
            _ = try encoder.encode(picture, captureTime: .zero)
            let psnr = TestPattern.psnr(picture, encoder.lastReconstruction)
            #expect(psnr > 36, "frame \(frame): \(psnr) dB")
        }
    }

    @Test func keyFramesTakeTheirOwnQP() throws {
        let picture = try TestPattern.picture(width: 160, height: 96, frame: 0)
        func keyFrameBytes(_ keyFrameQP: Int?) throws -> Int {
            let encoder = try H264Encoder(.init(width: 160, height: 96, qp: 26, keyFrameQP: keyFrameQP))
            return try encoder.encode(picture, captureTime: .zero).units.last!.payload.count
        }
        #expect(try keyFrameBytes(nil) == keyFrameBytes(26))
        #expect(try keyFrameBytes(32) < keyFrameBytes(26))
    }

    @Test func badConfigurationsAndPicturesAreClearErrors() throws {
        #expect(throws: H264Encoder.Problem.self) { try H264Encoder(.init(width: 961, height: 720)) }
        #expect(throws: H264Encoder.Problem.self) { try H264Encoder(.init(qp: 52)) }
        #expect(throws: H264Encoder.Problem.self) { try H264Encoder(.init(keyFrameInterval: 0)) }
        #expect(throws: H264Encoder.Problem.self) { try H264Encoder(.init(keyFrameQP: -1)) }
        let encoder = try H264Encoder(.init(width: 32, height: 32))
        #expect(throws: H264Encoder.Problem.pictureSize(expected: "32x32", found: "64x32")) {
            try encoder.encode(try flat(64, 32), captureTime: .zero)
        }
        #expect(throws: Picture.Problem.oddOrEmptySize(width: 3, height: 2)) {
            try Picture(width: 3, height: 2, rgb: [])
        }
    }

    @Test func rgbConvertsWithBT601StudioRange() throws {
        let pixels: [[UInt8]] = [[255, 255, 255], [0, 0, 0], [255, 0, 0]]
        for (rgb, expected) in zip(pixels, [(235, 128, 128), (16, 128, 128), (82, 90, 240)] as [(UInt8, UInt8, UInt8)]) {
            let picture = try Picture(width: 2, height: 2, rgb: Array([[UInt8]](repeating: rgb, count: 4).joined()))
            #expect(picture.luma == [UInt8](repeating: expected.0, count: 4))
            #expect(picture.cb == [expected.1] && picture.cr == [expected.2])
        }
    }
}
