import Agent
import Clocks
import Logs
import TestSupport
import Testing

/// A closed agent server lets go of itself: its WebSocket handler reaches
/// the server that wraps it, and if that reference were strong the server,
/// its sessions, router, drone and logs would live as long as the process.
@Suite struct AgentServerLifetimeTests {
    @Test func aClosedServerIsReleased() async throws {
        let rig = RouterRig()
        weak var released: AgentServer?
        do {
            let server = try AgentServer.start(on: .loopback(), router: rig.router, access: AccessPolicy(), time: SystemTime(),
                                               logger: Logger(component: "agent", minimumLevel: .debug, sink: rig.logs))
            released = server
            try await withTeardown({ await server.close() }) { () async throws in
                let client = try await TestClient(url: "ws://\(server.localAddress)/", headers: [:])
                _ = try await client.first(type: "connection_established")
                #expect(try await client.request("get_status")["type"] == "get_status_response")
            }
        }
        try? await eventually("the closed server released", within: 10) { released == nil }
        #expect(released == nil, "the closed server is still alive")
    }
}
