import Foundation
import JSONValue
import TelloSim

/// The embedded simulator's room and where the drone really is, for the
/// console's map: `{"world": <World>, "truth": <GroundTruth>}` in the
/// simulator's own JSON (centimetres; x forward, y left, z up).
enum ConsoleWorld {
    private struct Snapshot: Encodable {
        let world: World
        let truth: GroundTruth
    }

    static func json(world: World, truth: GroundTruth) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(Snapshot(world: world, truth: truth)) else { return nil }
        return try? JSONValue(parsing: String(decoding: data, as: UTF8.self))
    }
}
