/// The one sequence and one picture parameter set a stream of this encoder uses
/// (clauses 7.3.2.1 and 7.3.2.2), Constrained Baseline profile.
struct ParameterSets {
    let width: Int
    let height: Int
    let qp: Int

    var widthInMacroblocks: Int { (width + 15) / 16 }
    var heightInMacroblocks: Int { (height + 15) / 16 }

    /// frame_num is log2(256) bits wide: it counts pictures since the last IDR, modulo 256.
    static let log2MaxFrameNumber = 8

    /// The smallest level (Table A-1) whose frame size and macroblock rate fit this size
    /// at 30 frames a second.
    var levelIDC: UInt32 {
        let frameSize = widthInMacroblocks * heightInMacroblocks
        let rate = frameSize * 30
        let levels: [(idc: UInt32, maxFrameSize: Int, maxRate: Int)] = [
            (10, 99, 1485), (11, 396, 3000), (12, 396, 6000), (13, 396, 11880), (20, 396, 11880),
            (21, 792, 19800), (22, 1620, 20250), (30, 1620, 40500), (31, 3600, 108_000),
            (32, 5120, 216_000), (40, 8192, 245_760), (42, 8704, 522_240), (50, 22080, 589_824),
            (51, 36864, 983_040),
        ]
        return levels.first { frameSize <= $0.maxFrameSize && rate <= $0.maxRate }?.idc ?? 52
    }

    var sequence: NALUnit {
        var w = BitWriter()
        w.write(66, bits: 8)               // profile_idc: Baseline
        w.write(0b1100_0000, bits: 8)      // constraint_set0 and set1: Constrained Baseline
        w.write(levelIDC, bits: 8)
        w.writeUnsignedExpGolomb(0)        // seq_parameter_set_id
        w.writeUnsignedExpGolomb(UInt32(Self.log2MaxFrameNumber - 4))
        w.writeUnsignedExpGolomb(2)        // pic_order_cnt_type 2: output order is decoding order
        w.writeUnsignedExpGolomb(1)        // max_num_ref_frames: P slices look one picture back
        w.write(flag: false)               // gaps_in_frame_num_value_allowed_flag
        w.writeUnsignedExpGolomb(UInt32(widthInMacroblocks - 1))
        w.writeUnsignedExpGolomb(UInt32(heightInMacroblocks - 1))
        w.write(flag: true)                // frame_mbs_only_flag
        w.write(flag: true)                // direct_8x8_inference_flag
        let cropRight = (widthInMacroblocks * 16 - width) / 2
        let cropBottom = (heightInMacroblocks * 16 - height) / 2
        let cropping = cropRight > 0 || cropBottom > 0
        w.write(flag: cropping)            // frame_cropping_flag, in 2-sample units for 4:2:0
        if cropping {
            w.writeUnsignedExpGolomb(0)
            w.writeUnsignedExpGolomb(UInt32(cropRight))
            w.writeUnsignedExpGolomb(0)
            w.writeUnsignedExpGolomb(UInt32(cropBottom))
        }
        w.write(flag: false)               // vui_parameters_present_flag
        w.writeTrailingBits()
        return NALUnit(kind: .sequenceParameterSet, referenceIndicator: 3, payload: w.alignedBytes)
    }

    var picture: NALUnit {
        var w = BitWriter()
        w.writeUnsignedExpGolomb(0)        // pic_parameter_set_id
        w.writeUnsignedExpGolomb(0)        // seq_parameter_set_id
        w.write(flag: false)               // entropy_coding_mode_flag: CAVLC
        w.write(flag: false)               // bottom_field_pic_order_in_frame_present_flag
        w.writeUnsignedExpGolomb(0)        // num_slice_groups_minus1
        w.writeUnsignedExpGolomb(0)        // num_ref_idx_l0_default_active_minus1
        w.writeUnsignedExpGolomb(0)        // num_ref_idx_l1_default_active_minus1
        w.write(flag: false)               // weighted_pred_flag
        w.write(0, bits: 2)                // weighted_bipred_idc
        w.writeSignedExpGolomb(Int32(qp - 26)) // pic_init_qp_minus26
        w.writeSignedExpGolomb(0)          // pic_init_qs_minus26
        w.writeSignedExpGolomb(0)          // chroma_qp_index_offset
        w.write(flag: true)                // deblocking_filter_control_present_flag
        w.write(flag: false)               // constrained_intra_pred_flag
        w.write(flag: false)               // redundant_pic_cnt_present_flag
        w.writeTrailingBits()
        return NALUnit(kind: .pictureParameterSet, referenceIndicator: 3, payload: w.alignedBytes)
    }

    /// slice_header() (clause 7.3.3) for a whole-picture slice with the deblocking filter
    /// off: the encoder's reconstruction then needs no loop filter to match the decoder's.
    func writeSliceHeader(idr: Bool, idrPictureID: UInt32, frameNumber: Int, sliceQP: Int, to w: inout BitWriter) {
        w.writeUnsignedExpGolomb(0)                       // first_mb_in_slice
        w.writeUnsignedExpGolomb(idr ? 7 : 5)             // slice_type: I or P, all slices alike
        w.writeUnsignedExpGolomb(0)                       // pic_parameter_set_id
        w.write(UInt32(frameNumber % (1 << Self.log2MaxFrameNumber)), bits: Self.log2MaxFrameNumber)
        if idr { w.writeUnsignedExpGolomb(idrPictureID) }
        if !idr {
            w.write(flag: false)                          // num_ref_idx_active_override_flag
            w.write(flag: false)                          // ref_pic_list_modification_flag_l0
        }
        if idr {
            w.write(flag: false)                          // no_output_of_prior_pics_flag
            w.write(flag: false)                          // long_term_reference_flag
        } else {
            w.write(flag: false)                          // adaptive_ref_pic_marking_mode_flag
        }
        w.writeSignedExpGolomb(Int32(sliceQP - qp))       // slice_qp_delta from the PPS's QP
        w.writeUnsignedExpGolomb(1)                       // disable_deblocking_filter_idc
    }
}
