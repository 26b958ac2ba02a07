import Agent
import Foundation
import JSONValue
import TelloSim
import Testing
import TestSupport

/// Video over the agent's WebSocket, from the embedded simulator's clip: these
/// tests are about the relay, and a debug build renders the camera at only a few
/// pictures a second, too slow to count on under load. In memory, the clip's
/// datagrams are timers on the virtual clock like everything else.
@Suite struct AgentVideoTests {
    static let clip: SimulatedTello.Configuration = {
        var configuration = SimulatedTello.Configuration.exact()
        configuration.video = H264Packets.bundledTestClip.map { .clip($0) } ?? .off
        return configuration
    }()

    @Test func onlyClientsThatAskGetPicturesStartingAtAKeyFrameAndTheLastOneToStopTurnsTheStreamOff() async throws {
        try await AgentHarness.with(simulator: Self.clip) { harness in
            let viewer = try await harness.client(), other = try await harness.client(), bystander = try await harness.client()
            #expect(try await viewer.request("connect_drone")["success"] == true)
            #expect(try await viewer.request("start_video")["success"] == true)
            #expect(try await other.request("start_video")["success"] == true)
            try await eventually("20 and 5 pictures", within: 10) { viewer.binaries.count >= 20 && other.binaries.count >= 5 }
            let binaries = viewer.binaries
            for pictures in [binaries, other.binaries] {
                let first = try #require(VideoFrameHeader.parse(pictures[0]))
                #expect(first.header.flags.contains(.keyframe), "a viewer starts at a key frame")
                #expect(Array(pictures[0][first.payloadOffset...].prefix(4)) == [0, 0, 0, 1], "then the Annex B access unit")
            }
            let sequences = binaries.compactMap { VideoFrameHeader.parse($0)?.header.sequence }
            #expect(sequences == Array(sequences[0]..<(sequences[0] + UInt32(sequences.count))), "none lost, in order")

            #expect(try await viewer.request("stop_video")["success"] == true)
            #expect(await harness.agent.simulator?.groundTruth.streaming == true, "another viewer still watches")
            #expect(try await other.request("stop_video")["success"] == true)
            #expect(await harness.agent.simulator?.groundTruth.streaming == false, "the last viewer stopped it")
            #expect(bystander.binaries.isEmpty, "a client that never asked gets no binary message")
        }
    }

    @Test func theStreamStopsWhenTheLastViewerDisconnects() async throws {
        try await AgentHarness.with(simulator: Self.clip) { harness in
            let pilot = try await harness.client(), viewer = try await harness.client()
            #expect(try await pilot.request("connect_drone")["success"] == true)
            #expect(try await viewer.request("start_video")["success"] == true)
            #expect(await harness.agent.simulator?.groundTruth.streaming == true)
            // The relay may forget a closing viewer itself (its offer finds the connection gone) before
            // the session ends: do that first, so the session's end must still turn the stream off.
            let key = try #require(harness.agent.video.relay.statistics.viewers.keys.first)
            harness.agent.video.relay.remove(key: key)
            await viewer.connection.close()
            try await eventually("the stream off", within: 10) { await harness.agent.simulator?.groundTruth.streaming == false }
            #expect(pilot.binaries.isEmpty)
        }
    }

    /// A client's `start_video` queued behind its takeoff is carried out after the
    /// client left (what it sent is never dropped), so its departure must turn
    /// the stream off after that, not before: otherwise the drone streams, and the
    /// agent relays, for nobody until it stops.
    @Test func aViewerThatLeavesBeforeItsStartVideoIsCarriedOutLeavesTheStreamOff() async throws {
        try await AgentHarness.with(simulator: Self.clip) { harness in
            let leaver = try await harness.client()
            #expect(try await leaver.request("connect_drone")["success"] == true)
            await leaver.send(["type": "drone_command", "data": ["action": "takeoff"], "id": "up"])
            await leaver.send(["type": "start_video", "id": "video"])
            await leaver.connection.close()
            try await eventually("the start_video carried out for the client that left", within: 30) {
                harness.logs.lines.contains { $0.contains("response not delivered") && $0.contains("type=start_video") }
            }
            try await eventually("the stream off and no viewer left", within: 10) {
                await harness.agent.simulator?.groundTruth.streaming == false && harness.agent.video.relay.streamHolders == 0
            }
        }
    }
}
