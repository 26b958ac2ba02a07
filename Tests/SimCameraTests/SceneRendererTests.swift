import H264
import SimCamera
import TelloSim
import Testing

/// Pictures of small scenes checked against where the pinhole model says things must be.
@Suite("SceneRenderer")
struct SceneRendererTests {
    static let red = RGB(red: 0xD8, green: 0x2A, blue: 0x1F)
    static let room = SceneRoom(minX: -1000, maxX: 1000, minY: -1000, maxY: 1000, height: 500)
    static let crate = SceneBox(min: SIMD3(400, -50, 0), max: SIMD3(500, 50, 100), colour: red)

    @Test func aBoxAheadFillsWhereItsCornersProject() {
        let renderer = SceneRenderer()
        let pose = CameraPose(position: SIMD3(0, 0, 47), yaw: 0)
        let picture = renderer.render(Scene(room: Self.room, boxes: [Self.crate]), from: pose)
        let found = try! #require(ColourRegion.find(Self.red, in: picture))
        // The near face (x = 400) spans y -50...50 and z 0...100; its corners give the region.
        let camera = renderer.camera
        let topLeft = try! #require(camera.project(SIMD3(400, 50, 100), from: pose))
        let bottomRight = try! #require(camera.project(SIMD3(400, -50, 0), from: pose))
        #expect(abs(Double(found.minX) - topLeft.x) <= 2 && abs(Double(found.maxX + 1) - bottomRight.x) <= 2, "\(found)")
        #expect(abs(Double(found.minY) - topLeft.y) <= 2 && abs(Double(found.maxY + 1) - bottomRight.y) <= 2, "\(found)")
        // From 50 cm up the 100 cm box hides its top; from 2 m up the top shows above the face, lit brighter.
        let above = CameraPose(position: SIMD3(0, 0, 200), yaw: 0)
        let high = renderer.render(Scene(room: Self.room, boxes: [Self.crate]), from: above)
        let farTop = try! #require(camera.project(SIMD3(500, 0, 100), from: above))
        let nearTop = try! #require(camera.project(SIMD3(400, 0, 100), from: above))
        let nearBottom = try! #require(camera.project(SIMD3(400, 0, 0), from: above))
        let topRow = Int((farTop.y + nearTop.y) / 2), faceRow = Int((nearTop.y + nearBottom.y) / 2)
        let top = high.luma[topRow * 960 + 480], face = high.luma[faceRow * 960 + 480]
        #expect(top > face + 10, "top \(top), face \(face)")
    }

    @Test func turningNinetyDegreesClockwiseBringsTheBoxOnTheRightIntoView() {
        let renderer = SceneRenderer()
        // The box to the right (negative y) of a drone facing +x.
        let right = SceneBox(min: SIMD3(-50, -500, 0), max: SIMD3(50, -400, 100), colour: Self.red)
        let scene = Scene(room: Self.room, boxes: [right])
        let ahead = renderer.render(scene, from: CameraPose(position: SIMD3(0, 0, 50), yaw: 0))
        let redAhead = ColourRegion.find(Self.red, in: ahead)
        #expect(redAhead == nil)
        let turned = renderer.render(scene, from: CameraPose(position: SIMD3(0, 0, 50), yaw: 90))
        let found = try! #require(ColourRegion.find(Self.red, in: turned))
        #expect(found.minX < 480 && found.maxX > 480, "centred after cw 90: \(found)")
        // A counter-clockwise turn looks the other way: nothing red.
        let otherWay = ColourRegion.find(Self.red, in: renderer.render(scene, from: CameraPose(position: SIMD3(0, 0, 50), yaw: -90)))
        #expect(otherWay == nil)
    }

    @Test func aStillSceneRendersTheSamePictureTwice() {
        let renderer = SceneRenderer()
        let scene = Scene(room: Self.room, boxes: [Self.crate], pads: [ScenePad(id: 3, centre: SIMD3(150, 0, 0), yaw: 0)],
                          markers: [SceneMarker(wall: .maxX, along: 0, height: 150, size: 100, colour: Self.red, pattern: .checker)])
        let pose = CameraPose(position: SIMD3(0, 0, 100), yaw: 12)
        let same = renderer.render(scene, from: pose) == renderer.render(scene, from: pose)
        #expect(same)
    }

    @Test func aPadShowsItsNumberAndAMarkerItsPattern() {
        let renderer = SceneRenderer()
        let pad = ScenePad(id: 1, centre: SIMD3(250, 0, 0), yaw: 0, size: 40)
        let marker = SceneMarker(wall: .maxX, along: 0, height: 60, size: 200, colour: Self.red, pattern: .stripes)
        let scene = Scene(room: SceneRoom(minX: -100, maxX: 400, minY: -300, maxY: 300, height: 300), pads: [pad], markers: [marker])
        let pose = CameraPose(position: SIMD3(0, 0, 60), yaw: 0)
        let picture = renderer.render(scene, from: pose)
        // The pad's centre projects onto its digit "1" (ink) and its back edge onto the dark square.
        let centre = try! #require(renderer.camera.project(SIMD3(250, 0, 0), from: pose))
        let back = try! #require(renderer.camera.project(SIMD3(250 - 18, 0, 0), from: pose))
        let ink = picture.luma[Int(centre.y) * 960 + Int(centre.x)], square = picture.luma[Int(back.y) * 960 + Int(back.x)]
        #expect(ink > 200 && square < 60, "\(ink) \(square)")
        // Stripes: along the marker's row, red and white alternate six times.
        let row = try! #require(renderer.camera.project(SIMD3(400, 0, 60), from: pose))
        let left = try! #require(renderer.camera.project(SIMD3(400, 100, 60), from: pose))
        let right = try! #require(renderer.camera.project(SIMD3(400, -100, 60), from: pose))
        var changes = 0
        var previous = picture.luma[Int(row.y) * 960 + Int(left.x) + 1]
        for x in Int(left.x) + 1..<Int(right.x) - 1 {
            let value = picture.luma[Int(row.y) * 960 + x]
            if abs(Int(value) - Int(previous)) > 40 { changes += 1 }
            previous = value
        }
        #expect(changes == 5)
    }
}

/// The bounding rectangle of the pixels whose chroma is a colour's (any lighting of it).
struct ColourRegion: Equatable, CustomStringConvertible {
    var minX: Int, maxX: Int, minY: Int, maxY: Int
    var count: Int

    var description: String { "x \(minX)...\(maxX), y \(minY)...\(maxY), \(count) chroma samples" }

    /// Lighting scales R, G and B alike, so hue survives as the sign pattern of Cb and Cr
    /// away from grey; this matches the colour's quadrant, strongly saturated.
    static func find(_ colour: RGB, in picture: Picture) -> ColourRegion? {
        let r = Int(colour.red), g = Int(colour.green), b = Int(colour.blue)
        let wantU = ((-38 * r - 74 * g + 112 * b + 128) >> 8), wantV = ((112 * r - 94 * g - 18 * b + 128) >> 8)
        var region: ColourRegion?
        for y in 0..<picture.chromaHeight {
            for x in 0..<picture.chromaWidth {
                let u = Int(picture.cb[y * picture.chromaWidth + x]) - 128, v = Int(picture.cr[y * picture.chromaWidth + x]) - 128
                // Same direction in the Cb/Cr plane, at least a third as saturated.
                let dot = u * wantU + v * wantV, want = wantU * wantU + wantV * wantV
                guard dot * 3 >= want, abs(u * wantV - v * wantU) * 4 <= dot else { continue }
                if var found = region {
                    found.minX = min(found.minX, 2 * x); found.maxX = max(found.maxX, 2 * x + 1)
                    found.minY = min(found.minY, 2 * y); found.maxY = max(found.maxY, 2 * y + 1)
                    found.count += 1
                    region = found
                } else {
                    region = ColourRegion(minX: 2 * x, maxX: 2 * x + 1, minY: 2 * y, maxY: 2 * y + 1, count: 1)
                }
            }
        }
        return region
    }
}

/// The simulator's standard world as its camera sees it from the start.
@Suite("SceneRenderer in the standard world")
struct StandardWorldCameraTests {
    static let blue = RGB(red: 0x1F, green: 0x4F, blue: 0xD8)

    @Test func theBlueBoxIsAheadAndCwNinetyShowsTheRedBoxInstead() throws {
        let renderer = SceneRenderer()
        let scene = World.standard.scene
        // After takeoff: 100 cm over the start, facing +x.
        let hover = CameraPose(position: SIMD3(0, 0, 100), yaw: 0)
        let ahead = renderer.render(scene, from: hover)
        let blue = try #require(ColourRegion.find(Self.blue, in: ahead))
        // The box's near face: x 1100, y -75...75, z 0...100.
        let topLeft = try #require(renderer.camera.project(SIMD3(1100, 75, 100), from: hover))
        let bottomRight = try #require(renderer.camera.project(SIMD3(1100, -75, 0), from: hover))
        #expect(abs(Double(blue.minX) - topLeft.x) <= 2 && abs(Double(blue.maxX + 1) - bottomRight.x) <= 2, "\(blue)")
        #expect(abs(Double(blue.maxY + 1) - bottomRight.y) <= 2, "\(blue)")
        let redAtStart = ColourRegion.find(SceneRendererTests.red, in: ahead)
        #expect(redAtStart == nil)

        let turned = CameraPose(position: SIMD3(0, 0, 100), yaw: 90)
        let right = renderer.render(scene, from: turned)
        let blueAfterTurn = ColourRegion.find(Self.blue, in: right)
        #expect(blueAfterTurn == nil)
        let red = try #require(ColourRegion.find(SceneRendererTests.red, in: right))
        // The red box: x -75...75, y -1275...-1125, 150 tall; its near face is y = -1125, and
        // facing -y the drone has +x on its left.
        let redLeft = try #require(renderer.camera.project(SIMD3(75, -1125, 150), from: turned))
        let redRight = try #require(renderer.camera.project(SIMD3(-75, -1125, 0), from: turned))
        #expect(abs(Double(red.minX) - redLeft.x) <= 2 && abs(Double(red.maxX + 1) - redRight.x) <= 2, "\(red)")
        #expect(red.minX > 400 && red.maxX < 560, "straight ahead after cw 90: \(red)")
    }
}
