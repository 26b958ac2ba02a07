import Agent
import Clocks
import Lifetimes
import Logs
import Sockets
import TelloSim
import TestSupport
import Testing

/// A drone restart: the simulated Tello is stopped and a fresh one (out of
/// SDK mode, as after a battery swap) starts on the same port of the
/// simulation's memory network.
@Suite struct DroneRestartSimulatorTests {
    @Test func connectDroneSucceedsAndAMoveFliesAfterTheDroneRestarted() async throws {
        try await SimulatedDroneRig.with { rig in
            let (first, configuration, address, time, drone, linkLog) = (rig.simulator, rig.configuration, rig.address, rig.time,
                                                                           rig.drone, rig.linkLog)
            // Counted before the restart: the link may already probe while the old drone is gone.
            let sentBefore = linkLog.records.count
            await first.stop()
            let second = SimulatedTello(configuration: configuration, time: time, logger: Logger(component: "sim", sink: MemorySink()))
            let secondAddress = try await second.bind(host: "127.0.0.1", commandPort: address.port, network: rig.network)
            try await withRunning({ await second.run() }) {
                #expect(secondAddress == address)
                // The keepalive goes unanswered and the link starts probing the restarted drone.
                try await eventually("a resynchronisation probe", within: 10) {
                    linkLog.records.dropFirst(sentBefore).contains { record in
                        record.message == "send" && DroneCommand.probes.contains { $0.text == record[field: "command"] }
                    }
                }

                #expect(await drone.connect().success, "connect_drone brings the drone back into SDK mode")
                #expect(await drone.perform(.takeoff, name: "takeoff").success)
                let move = CheckedAction.move(DroneCommand(.move(.forward, centimeters: 50)), report: [:])
                #expect(await drone.perform(move, name: "move_forward").success)
                #expect(abs(await second.groundTruth.x - 50) < 1, "the move was flown by the restarted drone")
            }
        }
    }
}
