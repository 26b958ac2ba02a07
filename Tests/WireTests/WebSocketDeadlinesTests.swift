import Clocks
import Sockets
import TestSupport
import Testing
import WebSocketCodec
@testable import Wire

/// The timers of a server's WebSocket connections wait in one shared driver on
/// the server's clock, not in a sleeping task per connection.
@Suite struct WebSocketDeadlinesTests {
    /// Eight idle connections: one sleep on the clock (the driver's, until the
    /// first keepalive ping), and every connection still gets its ping.
    @Test func idleConnectionsOfOneServerWaitOnOneSleep() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(echo: false, time: time)
        defer { server.server.close() }
        try await within {
            var clients: [RawWebSocketClient] = []
            for _ in 0..<8 {
                clients.append(try await RawWebSocketClient.connect(to: server.server.localAddress).0)
                _ = await server.accepted.next()
            }
            try await eventually("one sleeper until 20 s") { time.sleeperCount == 1 && time.nextDeadline == .seconds(20) }
            time.advance(to: .seconds(20))
            for client in clients { #expect(try await client.nextFrame()?.opcode == .ping) }
        }
    }

    /// A deadline earlier than the one the driver sleeps to (a close handshake's
    /// timeout, 10 s after a close at 5 s, before the keepalive at 20 s) wakes
    /// the driver, which sleeps to it instead; the other connection's ping still comes at 20 s.
    @Test func anEarlierDeadlineOfOneConnectionWakesTheSharedDriver() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(echo: false, time: time)
        defer { server.server.close() }
        try await within {
            let (closing, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            let closingSide = await server.accepted.next()
            let (quiet, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            _ = await server.accepted.next()
            try await eventually { time.nextDeadline == .seconds(20) }
            time.advance(to: .seconds(5))
            #expect(await closingSide.close(code: .normalClosure, reason: "bye") == .sent)
            #expect(try await closing.nextClose()?.code == .normalClosure)
            // The peer never answers the Close: the close timeout ends it at 15 s.
            try await eventually("the driver sleeps to 15 s") { time.nextDeadline == .seconds(15) }
            time.advance(to: .seconds(15))
            try await eventually("closed by the close timeout") { await closingSide.closeInfo != nil }
            try await eventually { time.nextDeadline == .seconds(20) }
            time.advance(to: .seconds(20))
            #expect(try await quiet.nextFrame()?.opcode == .ping)
        }
    }

    /// Connections that are gone leave their entries behind (removing one from
    /// the middle of the heap would cost more than it saves); the driver drops
    /// them when they reach the top, so it never wakes for a gone connection's
    /// deadline after the first: it sleeps straight to the next live one.
    @Test func theDriverSleepsPastTheDeadlinesOfConnectionsThatAreGone() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(echo: false, time: time)
        defer { server.server.close() }
        try await within(20) {
            // Keepalive deadlines at 20, 21, ... 27 s, then a live one at 28 s.
            var leaving: [RawWebSocketClient] = []
            for second in 0..<8 {
                time.advance(to: .seconds(second))
                leaving.append(try await RawWebSocketClient.connect(to: server.server.localAddress).0)
                _ = await server.accepted.next()
            }
            time.advance(to: .seconds(8))
            let (staying, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            _ = await server.accepted.next()
            for client in leaving { client.tcp.close() }
            try await eventually("the eight closed") { server.server.connectionCount == 1 }
            try await eventually { time.nextDeadline == .seconds(20) }
            time.advance(to: .seconds(20))
            try await eventually("the driver sleeps to the live deadline") { time.nextDeadline == .seconds(28) && time.sleeperCount == 1 }
            time.advance(to: .seconds(28))
            #expect(try await staying.nextFrame()?.opcode == .ping)
        }
    }

    /// A clock is shared only with itself: another virtual clock, or a system
    /// clock with another origin, gets a driver of its own.
    @Test func aDriverRunsOnlyOnItsOwnClock() {
        let virtual = VirtualTime()
        let system = SystemTime()
        #expect(WebSocketDeadlines(time: virtual).runs(on: virtual))
        #expect(!WebSocketDeadlines(time: virtual).runs(on: VirtualTime()))
        #expect(!WebSocketDeadlines(time: virtual).runs(on: system))
        #expect(WebSocketDeadlines(time: system).runs(on: system))
        #expect(!WebSocketDeadlines(time: system).runs(on: SystemTime(scale: 2)))
    }
}
