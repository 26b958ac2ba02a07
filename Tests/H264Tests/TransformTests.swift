@testable import H264
import Testing

@Suite struct TransformTests {
    @Test func flatResidualSurvivesTransformQuantisationAndBack() {
        for qp in [0, 12, 26, 40] {
            var block = [Int32](repeating: 20, count: 16)
            block.withUnsafeMutableBufferPointer { p in
                Transform.forward(p.baseAddress!)
                _ = Transform.quantize(p.baseAddress!, qp: qp, intra: true)
                Transform.dequantize(p.baseAddress!, qp: qp)
                Transform.inverse(p.baseAddress!)
            }
            // A flat residual is only its DC; the quantisation step bounds the error.
            let tolerance: Int32 = qp < 30 ? 1 : 12
            #expect(block.allSatisfy { abs($0 - 20) <= tolerance }, "qp \(qp): \(block)")
        }
    }

    @Test func forwardTransformOfAnImpulse() {
        var block = [Int32](repeating: 0, count: 16)
        block[0] = 1
        block.withUnsafeMutableBufferPointer { Transform.forward($0.baseAddress!) }
        // Cf x e0 x Cf^T: Cf's first column (1 2 1 1) times its transpose.
        #expect(block == [1, 2, 1, 1, 2, 4, 2, 2, 1, 2, 1, 1, 1, 2, 1, 1])
    }

    @Test func hadamardIsItsOwnInverseUpToSixteen() {
        let input: [Int32] = [5, -3, 0, 7, 1, 2, 3, 4, -8, 0, 0, 1, 9, 9, -9, 2]
        var block = input
        block.withUnsafeMutableBufferPointer { p in
            Transform.hadamard4x4(p.baseAddress!)
            Transform.hadamard4x4(p.baseAddress!)
        }
        #expect(block == input.map { $0 * 16 })
    }

    @Test func chromaQPFollowsTable8_15() {
        #expect(Transform.chromaQP(29) == 29)
        #expect(Transform.chromaQP(30) == 29)
        #expect(Transform.chromaQP(39) == 35)
        #expect(Transform.chromaQP(51) == 39)
    }
}
