import Agent
import Clocks
import JSONValue
import Logs
import Sockets
import TestSupport
import Testing
import WebSocketCodec
import Wire

/// Broadcasts hand every client the same framed bytes; a client that stops
/// reading still has a bounded queue: past it, it alone is closed with 1008,
/// and everyone else keeps receiving. In a `Simulation`: the server and both
/// clients on its memory network, whose streams hold a bounded number of
/// unread bytes as a kernel's socket buffers do, and the close handshake's
/// timeout passes in virtual time.
@Suite struct BroadcastSlowReaderTests {
    @Test func aClientThatStopsReadingIsClosedWith1008AndTheOthersGetEveryBroadcast() async throws {
        try await Simulation.run(name: "slow-reader") { simulation in try await Self.slowReader(in: simulation) }
    }

    static func slowReader(in simulation: Simulation) async throws {
        let rig = RouterRig()
        let logs = MemorySink()
        // A small send queue: the bound is passed once the stream's buffers (as a kernel's socket buffers) are full too.
        let server = try AgentServer.start(on: .loopback(), router: rig.router, access: AccessPolicy(),
                                           websocket: WebSocketConfiguration(maxQueuedBytes: 1024 * 1024),
                                           network: simulation.network, time: simulation.time,
                                           logger: Logger(component: "agent", minimumLevel: .debug, sink: logs))
        try await withTeardown({ await server.close() }) { () async throws in
            let slow = try await RawWebSocketClient.open(to: server.localAddress)  // never reads
            // Frames counted, not parsed: the test is about the agent's queues, not JSON decoding.
            let reader = try await RawWebSocketClient.open(to: server.localAddress)
            #expect(try await within(10) { try await reader.nextFrame() }?.opcode == .text, "the greeting")
            try await eventually("both clients to join") { await server.hub.count == 2 }
            let status: JSONValue = ["type": "drone_status", "data": ["note": .string(String(repeating: "x", count: 256 * 1024))]]
            let size = status.text.utf8.count
            // Each broadcast once the reader has the previous one, so only the client that does not read falls behind.
            var sent = 0
            var takers = 2
            while takers == 2, sent < 400 {  // 100 MiB at most
                takers = await server.hub.broadcast(status, statusOnly: true)
                sent += 1
                let frame = try await within(10, "broadcast \(sent)") { try await reader.nextFrame() }
                #expect(frame?.opcode == .text && frame?.payload.count == size)
            }
            #expect(sent < 400, "closed at the bound, not after everything was sent")
            #expect(takers == 1, "the reader took every one")
            // The client is failed with 1008 at once; its end is logged when the close handshake's timeout (10 s) is over.
            try await eventually("the close to be logged", within: 30) { logs.records.contains { $0.message == "client disconnected" } }
            let closes = logs.records.filter { $0.message == "client disconnected" }
            #expect(closes.map { $0[field: "client"] } == ["\(slow.tcp.localAddress)"], "the client that does not read: \(closes)")
            #expect(closes.map { $0[field: "code"] } == ["1008"])
            try await reader.send(.text(#"{"type":"get_status","id":1}"#))
            let answer = try await within(10) { try await reader.nextFrame() }
            #expect(answer.map { String(decoding: $0.payload, as: UTF8.self) }?.contains("get_status_response") == true,
                    "the reader's session goes on")
        }
    }
}
