import Testing
@testable import WebSocketCodec

@Suite struct WebSocketStateMachineTests {
    typealias Action = WebSocketStateMachine.Action

    /// A server-side machine and the bytes a client would send it.
    private func server(_ configuration: WebSocketProtocolConfiguration = .init()) -> WebSocketStateMachine {
        WebSocketStateMachine(role: .server, configuration: configuration, now: .zero)
    }

    private func fromClient(_ opcode: WebSocketOpcode, _ payload: [UInt8] = [], fin: Bool = true) -> [UInt8] {
        WebSocketFrameEncoder.encode(WebSocketFrame(fin: fin, opcode: opcode, payload: payload), maskingKey: (1, 2, 3, 4))
    }

    private func closeFrame(_ code: WebSocketCloseCode?, _ reason: String = "") -> WebSocketFrame {
        WebSocketFrame(opcode: .close, payload: CloseFramePayload(code: code, reason: reason).encoded()!)
    }

    @Test func deliversMessagesAndAnswersPings() {
        var machine = server()
        let actions = machine.receive(fromClient(.text, Array("hi".utf8)) + fromClient(.ping, [9]) + fromClient(.binary, [1]), now: .zero)
        #expect(actions == [.deliver(.text("hi")), .send(WebSocketFrame(opcode: .pong, payload: [9])), .deliver(.binary([1]))])
        #expect(machine.state == .open)
    }

    @Test func peerInitiatedCloseIsEchoedThenClean() {
        var machine = server()
        let actions = machine.receive(fromClient(.close, CloseFramePayload(code: .goingAway, reason: "tab closed").encoded()!), now: .zero)
        let info = WebSocketCloseInfo(initiator: .remote, code: .goingAway, reason: "tab closed")
        #expect(actions == [.send(closeFrame(.goingAway)), .closeTransport(info)])
        #expect(info.severity == .clean)
        #expect(machine.frame(for: .text("late")) == .failure(.closed(info)))
        #expect(machine.receive(fromClient(.text, [65]), now: .zero) == [])
    }

    /// The original agent's "received 1005": an empty Close frame is a clean close with no status.
    @Test func closeWithoutStatusIsReportedAs1005() {
        var machine = server()
        let actions = machine.receive(fromClient(.close), now: .zero)
        let info = WebSocketCloseInfo(initiator: .remote, code: nil, reason: "")
        #expect(actions == [.send(WebSocketFrame(opcode: .close)), .closeTransport(info)])
        #expect(info.reportedCode == .noStatusReceived && info.severity == .clean)
    }

    @Test func localCloseHandshake() throws {
        var machine = server()
        let start = try machine.close(code: .normalClosure, reason: "bye", now: .seconds(1)).get()
        #expect(start == [.send(closeFrame(.normalClosure, "bye"))])
        #expect(machine.frame(for: .text("x")) == .failure(.closing))
        #expect(machine.close(code: .normalClosure, reason: "again", now: .seconds(1)) == .failure(.closing))
        // Data still arriving before the peer's Close is delivered; pings are no longer answered.
        #expect(machine.receive(fromClient(.text, [65]) + fromClient(.ping), now: .seconds(2)) == [.deliver(.text("A"))])
        let end = machine.receive(fromClient(.close, CloseFramePayload(code: .normalClosure).encoded()!), now: .seconds(2))
        #expect(end == [.closeTransport(WebSocketCloseInfo(initiator: .local, code: .normalClosure, reason: "bye"))])
    }

    @Test func closeTimeoutDropsTheConnectionAs1006() throws {
        var machine = server()
        _ = try machine.close(code: .goingAway, reason: "shutdown", now: .seconds(5)).get()
        #expect(machine.nextDeadline == .seconds(15))
        #expect(machine.tick(now: .seconds(14)) == [])
        let actions = machine.tick(now: .seconds(15))
        guard case .closeTransport(let info) = actions.last, actions.count == 1 else {
            Issue.record("expected only closeTransport, got \(actions)"); return
        }
        #expect(info.reportedCode == .abnormalClosure && info.initiator == .local && info.severity == .abnormal)
        #expect(machine.nextDeadline == nil)
    }

    @Test func unsendableCloseCodeIsRefusedNotSent() {
        var machine = server()
        #expect(machine.close(code: .noStatusReceived, reason: "", now: .zero) == .failure(.invalidCloseCode(.noStatusReceived)))
        #expect(machine.close(code: .abnormalClosure, reason: "", now: .zero) == .failure(.invalidCloseCode(.abnormalClosure)))
        #expect(machine.state == .open)
    }

    @Test func transportDropWithoutCloseFrameIs1006() {
        var machine = server()
        let info = WebSocketCloseInfo(initiator: .transport, code: .abnormalClosure, reason: "EOF")
        #expect(machine.transportClosed(reason: "EOF") == [.closeTransport(info)])
        #expect(machine.transportClosed(reason: "again") == [])
        #expect(machine.closeInfo == info)
    }

    /// Protocol errors: each mapped to its close code, sent once, then the TCP close.
    @Test(arguments: [
        ([0x83, 0x80, 0, 0, 0, 0] as [UInt8], WebSocketCloseCode.protocolError),
        ([0x81, 0x01, 0x41], .protocolError),
        (WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: [0xFF]), maskingKey: (0, 0, 0, 0)), .invalidPayload),
        (WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 0, count: 65)), maskingKey: (0, 0, 0, 0)), .messageTooBig),
        (WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .close, payload: [0x03]), maskingKey: (0, 0, 0, 0)), .protocolError),
    ])
    func protocolErrorsFailWithTheirCode(bytes: [UInt8], code: WebSocketCloseCode) throws {
        var machine = server(WebSocketProtocolConfiguration(maxFrameSize: 64, maxMessageSize: 64))
        let actions = machine.receive(bytes, now: .zero)
        #expect(actions.count == 2)
        guard case .send(let frame) = actions.first, case .closeTransport(let info) = actions.last else {
            Issue.record("unexpected actions \(actions)"); return
        }
        #expect(frame.opcode == .close)
        #expect(try CloseFramePayload.decode(frame.payload).code == code)
        #expect(info.initiator == .local && info.code == code && info.severity == .error)
    }

    @Test func keepalivePingsAndPongTimeout() {
        var machine = server()
        #expect(machine.nextDeadline == .seconds(20))
        #expect(machine.tick(now: .seconds(19)) == [])
        guard case .send(let ping) = machine.tick(now: .seconds(20)).first else { Issue.record("no ping"); return }
        #expect(ping.opcode == .ping)
        #expect(machine.receive(fromClient(.pong, ping.payload), now: .seconds(21)) == [])
        #expect(machine.nextDeadline == .seconds(40))
        // A peer that stops answering: pings at 40, 60, 80; 60 s after the first unanswered one it is failed.
        for second in [40, 60, 80] { #expect(machine.tick(now: .seconds(second)).count == 1) }
        #expect(machine.nextDeadline == .seconds(100))
        let actions = machine.tick(now: .seconds(100))
        #expect(actions.last == .closeTransport(WebSocketCloseInfo(initiator: .local, code: .internalError, reason: "keepalive: no pong within 60.0 seconds")))
    }

    @Test func noKeepaliveWhenDisabled() {
        var machine = server(WebSocketProtocolConfiguration(pingInterval: nil))
        #expect(machine.nextDeadline == nil)
        #expect(machine.tick(now: .seconds(1000)) == [])
    }

    /// The client role: frames from the server arrive unmasked.
    @Test func clientRoleAcceptsUnmaskedAndRejectsMasked() {
        var client = WebSocketStateMachine(role: .client, now: .zero)
        #expect(client.receive(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: [66])), now: .zero) == [.deliver(.text("B"))])
        let actions = client.receive(fromClient(.text, [66]), now: .zero)
        #expect(actions.last == .closeTransport(WebSocketCloseInfo(initiator: .local, code: .protocolError, reason: "server frame masked")))
    }

    /// Fail fast inside a frame: invalid UTF-8 in the first bytes of a large
    /// text frame fails the connection before the rest of the frame arrives.
    @Test func invalidTextFailsBeforeTheFrameIsComplete() {
        var machine = server()
        let frame = fromClient(.text, [0x41, 0xC0, 0x80] + [UInt8](repeating: 0x41, count: 1000))
        let actions = machine.receive(frame.prefix(20), now: .zero)
        #expect(actions.last == .closeTransport(WebSocketCloseInfo(initiator: .local, code: .invalidPayload, reason: "text is not valid UTF-8")))
    }

    /// Early checks never count a byte twice: every split of a stream of
    /// fragmented text (multi-byte characters cut anywhere) delivers the same messages.
    @Test func earlyTextChecksAgreeWithWholeFrames() {
        let text = "起飞 κόσμε 🚁 ok"
        let bytes = Array(text.utf8)
        let stream = fromClient(.text, Array(bytes[..<7]), fin: false) + fromClient(.ping, [1])
            + fromClient(.continuation, Array(bytes[7...])) + fromClient(.binary, [0xFF, 0xFE])
        let expected: [Action] = [.send(WebSocketFrame(opcode: .pong, payload: [1])), .deliver(.text(text)), .deliver(.binary([0xFF, 0xFE]))]
        for chunk in 1...stream.count {
            var machine = server()
            var actions: [Action] = []
            var offset = 0
            while offset < stream.count {
                actions += machine.receive(stream[offset..<min(offset + chunk, stream.count)], now: .zero)
                offset += chunk
            }
            #expect(actions == expected, "chunk size \(chunk)")
        }
    }
}
