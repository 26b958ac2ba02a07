import Clocks
import TestSupport
import Testing
@testable import WebSocketCodec
@testable import Wire

@Suite struct WebSocketConnectionTests {
    @Test func echoesTextBinaryAndOneMebibyte() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            let big = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            #expect(await client.send(text: "起飞 hello") == .sent)
            #expect(await client.send(binary: [0, 1, 255]) == .sent)
            #expect(await client.send(binary: big) == .sent)
            #expect(await client.receive() == .text("起飞 hello"))
            #expect(await client.receive() == .binary([0, 1, 255]))
            #expect(await client.receive() == .binary(big))
            #expect(await client.close(code: .normalClosure, reason: "done") == .sent)
            let info = await client.closed()
            #expect(info == WebSocketCloseInfo(initiator: .local, code: .normalClosure, reason: "done"))
            let serverSide = await server.accepted.next()
            #expect(await serverSide.closed() == WebSocketCloseInfo(initiator: .remote, code: .normalClosure, reason: "done"))
        }
    }

    @Test func fragmentedMessageWithPingBetween() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let (raw, status, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            #expect(status == 101)
            try await raw.send(.text("起", fin: false))
            try await raw.send(WebSocketFrame(opcode: .ping, payload: [42]))
            try await raw.send(WebSocketFrame(fin: true, opcode: .continuation, payload: Array("飞".utf8)))
            #expect(try await raw.nextFrame() == WebSocketFrame(opcode: .pong, payload: [42]))
            #expect(try await raw.nextFrame() == .text("起飞"))
        }
    }

    /// The peer's close code is echoed, and both sides report the close as clean.
    @Test(arguments: [WebSocketCloseCode.normalClosure, .goingAway])
    func peerCloseIsEchoed(code: WebSocketCloseCode) async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            try await raw.send(.close(code, "bye"))
            #expect(try await raw.nextClose() == CloseFramePayload(code: code))
            #expect(try await raw.nextFrame() == nil)
            let info = await server.accepted.next().closed()
            #expect(info == WebSocketCloseInfo(initiator: .remote, code: code, reason: "bye"))
            #expect(info.severity == .clean)
        }
    }

    /// The original agent's field failure: an empty Close frame is a clean close, reported as 1005.
    @Test func closeWithoutStatusIs1005() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            try await raw.send(WebSocketFrame(opcode: .close))
            #expect(try await raw.nextFrame() == WebSocketFrame(opcode: .close))
            #expect(try await raw.nextFrame() == nil)
            let info = await server.accepted.next().closed()
            #expect(info.code == nil && info.reportedCode == .noStatusReceived && info.severity == .clean)
        }
    }

    @Test(arguments: [false, true])
    func tcpDropWithoutCloseIs1006(reset: Bool) async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            let serverSide = await server.accepted.next()
            if reset { raw.tcp.reset() } else { raw.tcp.close() }
            let info = await serverSide.closed()
            #expect(info.initiator == .transport && info.reportedCode == .abnormalClosure && info.severity == .abnormal)
            #expect(await serverSide.send(text: "late") == .notSent(.closed(info)))
            #expect(await serverSide.close() == .notSent(.closed(info)))
        }
    }

    @Test(arguments: [
        (WebSocketFrameEncoder.encode(.text("x")), WebSocketCloseCode.protocolError),
        (WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: [0xC0, 0x80]), maskingKey: (1, 2, 3, 4)), .invalidPayload),
        (WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 1, count: 1025)), maskingKey: (1, 2, 3, 4)), .messageTooBig),
    ])
    func peerErrorsGetTheirCloseCode(bytes: [UInt8], code: WebSocketCloseCode) async throws {
        let server = try WebSocketTestServer(configuration: WebSocketConfiguration(maxFrameSize: 1024, maxMessageSize: 1024))
        defer { server.server.close() }
        try await within {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            try await raw.sendRaw(bytes)
            #expect(try await raw.nextClose()?.code == code)
            #expect(try await raw.nextFrame() == nil)
            let info = await server.accepted.next().closed()
            #expect(info.initiator == .local && info.code == code && info.severity == .error)
        }
    }

    @Test func sendAfterCloseIsADefinedOutcome() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            #expect(await client.close(code: .goingAway) == .sent)
            #expect(await client.send(text: "x") == .notSent(.closing))
            #expect(await client.close(code: .normalClosure) == .notSent(.closing))
            let info = await client.closed()
            #expect(await client.send(text: "x") == .notSent(.closed(info)))
            #expect(await client.receive() == nil)
            #expect(await client.close(code: .noStatusReceived) == .notSent(.closed(info)))
        }
    }

    @Test func unsendableCloseCodeIsRefused() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            #expect(await client.close(code: .abnormalClosure) == .notSent(.invalidCloseCode(.abnormalClosure)))
            #expect(await client.send(text: "still open") == .sent)
            #expect(await client.receive() == .text("still open"))
            await client.close()
        }
    }

    /// More messages than the inbox holds (64): the read loop pauses instead
    /// of buffering, and every message still arrives in order before the close.
    @Test func manyMessagesArriveInOrderThenTheClose() async throws {
        let server = try WebSocketTestServer(echo: false)
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            let serverSide = await server.accepted.next()
            for index in 0..<300 { #expect(await serverSide.send(text: "m\(index)") == .sent) }
            await serverSide.close(code: .goingAway, reason: "done")
            var received: [WebSocketMessage] = []
            while let message = await client.receive() { received.append(message) }
            #expect(received == (0..<300).map { .text("m\($0)") })
            #expect(await client.closed() == WebSocketCloseInfo(initiator: .remote, code: .goingAway, reason: "done"))
        }
    }

    /// A cancelled `receive` returns nil and loses no message: the next one gets it.
    @Test func cancelledReceiveLosesNothing() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let client = try await WebSocketConnection.connect(to: server.url)
            let waiting = Task { await client.receive() }
            waiting.cancel()
            #expect(await waiting.value == nil)
            #expect(await client.send(text: "kept") == .sent)
            #expect(await client.receive() == .text("kept"))
            await client.close()
        }
    }
}
