import SimCamera

extension World {
    /// What the forward camera draws: the room, its walls and obstacles as boxes, the pads
    /// lying on the floor or box top below them, and the wall markers.
    public var scene: Scene {
        func rgb(_ colour: Colour) -> RGB { RGB(red: colour.red, green: colour.green, blue: colour.blue) }
        return Scene(
            room: SceneRoom(minX: room.minX, maxX: room.maxX, minY: room.minY, maxY: room.maxY, height: room.height),
            boxes: solids.map { SceneBox(min: $0.min.vector, max: $0.max.vector, colour: rgb($0.colour)) },
            pads: pads.map { ScenePad(id: $0.id, centre: padCentre($0), yaw: $0.yaw) },
            markers: markers.map { marker in
                let wall: SceneMarker.Wall = switch marker.wall {
                case .minX: .minX
                case .maxX: .maxX
                case .minY: .minY
                case .maxY: .maxY
                }
                let pattern: SceneMarker.Pattern = switch marker.pattern {
                case .solid: .solid
                case .stripes: .stripes
                case .checker: .checker
                }
                return SceneMarker(wall: wall, along: marker.along, height: marker.height, size: marker.size,
                                   colour: rgb(marker.colour), pattern: pattern)
            })
    }
}
