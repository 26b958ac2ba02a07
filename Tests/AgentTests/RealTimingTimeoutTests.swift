import Agent
import TelloSim
import Testing

/// The link's timeouts against the real drone's timings (`FlightParameters.realDrone`):
/// a command the drone is still carrying out must never count as unanswered.
@Suite struct RealTimingTimeoutTests {
    /// How long the real drone takes to answer `text` after takeoff at `speed` cm/s.
    static func replyTime(of text: String, speed: Int) -> Duration {
        var model = DroneModel(parameters: .realDrone(.tello))
        _ = model.receive("command", id: 1, at: .zero)
        _ = model.receive("takeoff", id: 2, at: .zero)
        let airborne = model.nextEvent ?? .zero
        _ = model.receive("speed \(speed)", id: 3, at: airborne)
        _ = model.receive(text, id: 4, at: airborne)
        return (model.nextEvent ?? airborne) - airborne
    }

    /// From the default speed (the agent never changes it) down to 15 cm/s.
    @Test(arguments: [("move_forward", "forward", 500, 100), ("move_up", "up", 20, 100), ("move_back", "back", 250, 15),
                      ("move_forward", "forward", 500, 15), ("move_left", "left", 20, 10)])
    func aMoveEndsBeforeItsTimeout(action: String, word: String, distance: Int, speed: Int) {
        guard case .move(let command, _) = CheckedAction.resolve(action: action, parameters: ["distance": .number(Double(distance))])
        else { Issue.record("expected a move"); return }
        let flight = Self.replyTime(of: "\(word) \(distance)", speed: speed)
        #expect(flight < command.timeout, "\(word) \(distance) takes \(flight), timeout \(command.timeout)")
    }

    @Test func takeoffAndLandEndWellBeforeTheirTimeouts() {
        var model = DroneModel(parameters: .realDrone(.tello), seed: 99)
        _ = model.receive("command", id: 1, at: .zero)
        _ = model.receive("takeoff", id: 2, at: .zero)
        let takeoff = model.nextEvent ?? .zero
        #expect(takeoff <= .seconds(5.9) && takeoff < DroneCommand.takeoff.timeout)
        _ = model.receive("land", id: 3, at: takeoff)
        #expect((model.nextEvent ?? takeoff) - takeoff < DroneCommand.land.timeout)
    }
}
