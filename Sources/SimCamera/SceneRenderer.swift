import Foundation
import H264

/// Draws a `Scene` as the drone's forward camera sees it, straight into a YUV 4:2:0
/// picture (no RGB step): flat-shaded boxes, the floor grid, walls with their markers,
/// mission pads with their numbers.
///
/// The camera is level, so vertical edges stay vertical: each picture column is one ray
/// in the floor plane, intersected once with every box footprint and the room's walls;
/// each pixel of the column then only compares heights along that ray. That keeps a
/// 960x720 picture to a few milliseconds on one core.
///
/// Not Sendable: it reuses its per-column buffers; keep one per rendering thread.
public final class SceneRenderer {
    public let camera: PinholeCamera
    var columns: [Column]
    var hits: [BoxHit] = []

    public init(camera: PinholeCamera = .tello) {
        self.camera = camera
        columns = Array(repeating: Column(), count: camera.width)
    }

    /// A new picture of `scene` from `pose`.
    public func render(_ scene: Scene, from pose: CameraPose) -> Picture {
        let w = camera.width, h = camera.height
        // Even sizes were the camera's to keep; a picture this renderer cannot fill is a programming error.
        var picture = try! Picture(width: w, height: h, luma: [UInt8](repeating: 0, count: w * h),
                                   cb: [UInt8](repeating: 128, count: w * h / 4), cr: [UInt8](repeating: 128, count: w * h / 4))
        render(scene, from: pose, into: &picture)
        return picture
    }

    /// Draws into `picture`, which must be the camera's size (its planes are overwritten).
    public func render(_ scene: Scene, from pose: CameraPose, into picture: inout Picture) {
        precondition(picture.width == camera.width && picture.height == camera.height, "picture size differs from the camera's")
        let prepared = PreparedScene(scene)
        let eye = SIMD3(pose.position.x, pose.position.y, pose.position.z + camera.lensHeight)
        prepareColumns(prepared, eye: eye, axes: pose.axes)
        let width = camera.width, chromaWidth = width / 2
        let centreY = Double(camera.height) / 2, focal = camera.focalLength
        picture.luma.withUnsafeMutableBufferPointer { luma in
            picture.cb.withUnsafeMutableBufferPointer { cb in
                picture.cr.withUnsafeMutableBufferPointer { cr in
                    columns.withUnsafeBufferPointer { columns in
                        hits.withUnsafeBufferPointer { hits in
                            for row in 0..<camera.height {
                                let slope = (centreY - (Double(row) + 0.5)) / focal
                                let chromaRow = row & 1 == 0 ? (row / 2) * chromaWidth : -1
                                for column in 0..<width {
                                    let shade = prepared.shade(columns[column], hits: hits, slope: slope, eye: eye, focal: focal)
                                    luma[row * width + column] = shade.y
                                    if chromaRow >= 0, column & 1 == 0 {
                                        cb[chromaRow + column / 2] = shade.u
                                        cr[chromaRow + column / 2] = shade.v
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Per column: its ray in the floor plane, where it meets the room's wall, and which
    /// boxes, markers and pads it crosses (box crossings sorted nearest first).
    private func prepareColumns(_ scene: PreparedScene, eye: SIMD3<Double>, axes: (forward: SIMD2<Double>, right: SIMD2<Double>)) {
        hits.removeAll(keepingCapacity: true)
        let centreX = Double(camera.width) / 2
        for index in 0..<camera.width {
            let offset = (Double(index) + 0.5 - centreX) / camera.focalLength
            let direction = axes.forward + axes.right * offset
            var column = Column()
            column.direction = direction
            column.planarScale = (direction.x * direction.x + direction.y * direction.y).squareRoot()
            scene.wallExit(from: eye, direction: direction, into: &column)
            column.firstHit = hits.count
            for (boxIndex, box) in scene.boxes.enumerated() {
                guard var hit = Self.footprintCrossing(box.min, box.max, eye: eye, direction: direction) else { continue }
                guard hit.tIn < column.wallDistance else { continue }
                hit.box = Int32(boxIndex)
                // Insertion keeps the column's hits sorted by entry distance.
                var at = hits.count
                hits.append(hit)
                while at > column.firstHit, hits[at - 1].tIn > hit.tIn { hits.swapAt(at, at - 1); at -= 1 }
            }
            column.hitCount = hits.count - column.firstHit
            column.pads = scene.padsCrossed(eye: eye, direction: direction)
            columns[index] = column
        }
    }

    /// Where a ray in the floor plane enters and leaves a box's footprint (slab method);
    /// a ray starting inside enters at 0 through no side face.
    static func footprintCrossing(_ low: SIMD3<Double>, _ high: SIMD3<Double>, eye: SIMD3<Double>, direction: SIMD2<Double>) -> BoxHit? {
        var enter = -Double.infinity, leave = Double.infinity
        var face: Int32 = -1
        for axis in 0..<2 {
            let origin = eye[axis], d = direction[axis]
            if abs(d) < 1e-12 {
                guard origin > low[axis], origin < high[axis] else { return nil }
                continue
            }
            var t1 = (low[axis] - origin) / d, t2 = (high[axis] - origin) / d
            if t1 > t2 { swap(&t1, &t2) }
            if t1 > enter { enter = t1; face = Int32(axis) }
            leave = min(leave, t2)
        }
        guard leave > max(enter, 0) else { return nil }
        if enter <= 0 { return BoxHit(tIn: 0, tOut: leave, box: 0, face: -1) }
        return BoxHit(tIn: enter, tOut: leave, box: 0, face: face)
    }
}

/// One picture column's ray and what lies along it.
struct Column {
    var direction = SIMD2<Double>(1, 0)
    /// Length of `direction`: distances along the ray times this are centimetres over the floor.
    var planarScale = 1.0
    var wallDistance = Double.infinity
    var wall = SceneMarker.Wall.maxX
    /// Position along the wall where the ray meets it (y on x walls, x on y walls).
    var wallAlong = 0.0
    var firstHit = 0
    var hitCount = 0
    /// Bit i set: the ray passes over pad i's square (pads are few: at most 8 in a world file).
    var pads: UInt64 = 0
}

/// A column ray crossing a box's footprint: entry and exit distances, the box, and the
/// side face it enters through (0: an x face, 1: a y face, -1: it starts inside).
struct BoxHit {
    var tIn: Double
    var tOut: Double
    var box: Int32
    var face: Int32
}
