@testable import H264
import Testing

/// Intra_4x4 directional modes against values worked by hand from the equations of
/// clause 8.3.1.2, with top 10 20 ... 80, left 15 25 35 45 and corner 5.
@Suite struct Intra4x4PredictionTests {
    private func predict(_ mode: Int) -> [[Int]] {
        let storage = UnsafeMutablePointer<Int>.allocate(capacity: 13)
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        defer { storage.deallocate(); out.deallocate() }
        var edge = Prediction.Edge4x4(storage: storage)
        for i in 0..<8 { storage[i] = 10 * (i + 1) }
        for i in 0..<4 { storage[8 + i] = 15 + 10 * i }
        storage[12] = 5
        edge.hasTop = true; edge.hasLeft = true; edge.hasCorner = true
        Prediction.intra4x4(mode, edge, into: out)
        return (0..<4).map { y in (0..<4).map { x in Int(out[y * 4 + x]) } }
    }

    @Test func verticalHorizontalAndDC() {
        #expect(predict(0)[3] == [10, 20, 30, 40])
        #expect(predict(1).map { $0[2] } == [15, 25, 35, 45])
        #expect(predict(2)[0][0] == (100 + 120 + 4) >> 3)
    }

    @Test func diagonalModes() {
        let ddl = predict(3), ddr = predict(4)
        #expect(ddl[0][0] == 20 && ddl[3][3] == 78)
        #expect(ddr[0][0] == 9 && ddr[0][1] == 11 && ddr[1][0] == 15)
    }

    @Test func verticalAndHorizontalSkewModes() {
        let vr = predict(5), hd = predict(6), vl = predict(7), hu = predict(8)
        #expect(vr[0][0] == 8 && vr[2][0] == 15 && vr[1][0] == 9)
        #expect(hd[0][0] == 10 && hd[0][2] == 11)
        #expect(vl[1][0] == 20 && vl[3][3] == 60)
        #expect(hu[3][3] == 45 && hu[2][1] == 43 && hu[0][0] == 20)
    }

    @Test func modesNeedTheirNeighbours() {
        let storage = UnsafeMutablePointer<Int>.allocate(capacity: 13)
        defer { storage.deallocate() }
        var edge = Prediction.Edge4x4(storage: storage)
        edge.hasLeft = true
        #expect((0..<9).filter { Prediction.intra4x4Allowed($0, edge) } == [1, 2, 8])
        edge.hasLeft = false; edge.hasTop = true
        #expect((0..<9).filter { Prediction.intra4x4Allowed($0, edge) } == [0, 2, 3, 7])
    }
}
