import Clocks
import TestSupport
import Testing
@testable import WebSocketCodec
@testable import Wire

/// A message framed once and sent to several connections arrives intact at
/// each; a closed connection refuses it like any send.
@Suite struct WebSocketPreparedMessageTests {
    @Test func oneFrameServesEveryClientAndAClosedOneIsSkipped() async throws {
        let server = try WebSocketTestServer(echo: false)
        defer { server.server.close() }
        try await within {
            let first = try await WebSocketConnection.connect(to: server.url)
            let second = try await WebSocketConnection.connect(to: server.url)
            let gone = try await WebSocketConnection.connect(to: server.url)
            let sides = [await server.accepted.next(), await server.accepted.next(), await server.accepted.next()]
            let prepared = WebSocketPreparedMessage(text: #"{"type":"drone_status","data":{"battery":87}}"#)
            #expect(prepared.serverFrame == WebSocketFrameEncoder.encode(.text(prepared.text)), "one unmasked server frame")
            await gone.close(code: .goingAway, reason: "tab closed")
            let goneSide = sides.first { $0.remoteAddress == gone.localAddress }!
            _ = await goneSide.closed()
            for side in sides where side !== goneSide { #expect(await side.send(prepared) == .sent) }
            #expect(await goneSide.send(prepared) != .sent)
            #expect(await first.receive() == .text(prepared.text))
            #expect(await second.receive() == .text(prepared.text))
        }
    }

    @Test func aClientConnectionMasksItsOwnFrame() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            #expect(await client.send(WebSocketPreparedMessage(text: "起飞")) == .sent)
            #expect(await client.receive() == .text("起飞"), "the server accepted it (masked) and echoed it")
        }
    }
}
