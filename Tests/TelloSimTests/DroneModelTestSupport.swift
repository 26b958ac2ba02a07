import Clocks
import TelloSDK
@testable import TelloSim

/// Drives a `DroneModel` with numbered commands at chosen times.
struct Flight {
    var model: DroneModel
    var nextID: UInt64 = 0
    /// Every reply seen, as (command id, text).
    var replies: [(UInt64, String)] = []

    init(parameters: FlightParameters = FlightParameters(), world: World = .standard) {
        model = DroneModel(parameters: parameters, world: world)
    }

    static func make(_ parameters: FlightParameters = FlightParameters()) -> Flight { Flight(parameters: parameters) }

    /// Sends `text` at the model's current time; returns the id used and the disposition.
    @discardableResult
    mutating func send(_ text: String) -> (id: UInt64, disposition: Disposition) {
        nextID += 1
        let (due, disposition) = model.receive(text, id: nextID, at: model.now)
        replies += due.map { ($0.commandID, $0.reply.text) }
        return (nextID, disposition)
    }

    /// Sends and returns the immediate reply to this command (nil: none yet).
    mutating func ask(_ text: String) -> String? {
        let (id, _) = send(text)
        return replies.last(where: { $0.0 == id })?.1
    }

    mutating func wait(_ seconds: Double) {
        let due = model.advance(to: model.now + .seconds(seconds))
        replies += due.map { ($0.commandID, $0.reply.text) }
    }

    /// Waits until the reply to command `id` arrives (at most `limit` seconds); returns it and the time taken.
    mutating func awaitReply(to id: UInt64, limit: Double = 120) -> (text: String?, after: Double) {
        let start = model.now
        while model.now - start < .seconds(limit) {
            if let found = replies.first(where: { $0.0 == id }) { return (found.1, (model.now - start).seconds) }
            wait(0.01)
        }
        return (replies.first(where: { $0.0 == id })?.1, (model.now - start).seconds)
    }

    /// `command`, `takeoff` and wait for its `ok`.
    mutating func airborne() {
        _ = ask("command")
        let (id, _) = send("takeoff")
        _ = awaitReply(to: id)
    }

    var truth: GroundTruth { model.groundTruth }
}
