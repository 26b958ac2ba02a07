@testable import Agent
import TelloSDK
import Testing

/// The height the agent believes follows the up/down moves it flew at once,
/// not only when the next state line arrives: a preflight checked right
/// after a move's `ok` starts from where the move ended.
@Suite struct DroneHeightBeliefTests {
    @Test func upAndDownMovesChangeTheHeightUntilTheStreamMeasuresIt() {
        var status = DroneStatus()
        status.height = 100
        status.track(move: .up, centimetres: 100, heading: 0)
        #expect(status.height == 200)
        status.track(move: .down, centimetres: 250, heading: 0)
        #expect(status.height == 0)
        status.track(move: .forward, centimetres: 50, heading: 0)
        #expect(status.height == 0)
    }
}
