import Agent
import FlightRecord
import TelloSDK

/// A `DroneTransport` that records every datagram it passes: commands out,
/// replies and state lines in. The drone link cannot tell it from the one it wraps,
/// so a recorded session flies exactly as an unrecorded one.
struct RecordingDroneTransport: DroneTransport {
    let inner: any DroneTransport
    let recorder: any RecordSink

    func send(_ command: TelloCommand) async throws {
        recorder.record(.droneOut(command.text))
        try await inner.send(command)
    }

    func receiveReply() async throws -> String {
        let reply = try await inner.receiveReply()
        recorder.record(.droneIn(reply))
        return reply
    }

    func receiveState() async throws -> String {
        let line = try await inner.receiveState()
        recorder.record(.droneState(line))
        return line
    }

    func close() { inner.close() }
}
