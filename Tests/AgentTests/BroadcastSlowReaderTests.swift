import Agent
import JSONValue
import TestSupport
import Testing
import WebSocketCodec

/// Broadcasts hand every client the same framed bytes; a client that stops
/// reading still has a bounded queue: past it, it alone is closed with 1008,
/// and everyone else keeps receiving.
@Suite struct BroadcastSlowReaderTests {
    @Test func aClientThatStopsReadingIsClosedWith1008AndTheOthersGetEveryBroadcast() async throws {
        try await AgentHarness.with { rig in
            let slow = try await RawWebSocketClient.open(to: rig.agent.address)  // never reads
            let reader = try await rig.client()
            _ = try await reader.first(type: "connection_established")
            try await eventually("both clients to join") { await rig.agent.server.hub.count == 2 }
            // 40 MiB in all: past the 16 MiB send queue plus what the kernel's socket buffers hold.
            let big: JSONValue = ["type": "drone_status", "data": ["note": .string(String(repeating: "x", count: 1 << 20))]]
            for _ in 0..<40 { await rig.agent.server.hub.broadcast(big, statusOnly: true) }
            let closes = try await rig.records("client disconnected", atLeast: 1)
            #expect(closes.map { $0[field: "code"] } == ["1008"], "\(closes)")
            _ = try await reader.first(within: 30, "all 40 broadcasts") { _ in
                reader.received.filter { $0["type"] == "drone_status" && $0["data"]?["note"] != nil }.count == 40
            }
            #expect(await rig.agent.server.hub.count == 1)
            _ = slow
        }
    }
}
