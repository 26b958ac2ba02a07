import HTTPCodec
import WebSocketCodec

/// One fuzz input driven through the pure WebSocket layers, checking the
/// invariants a peer must never be able to break:
/// - decoding never crashes, whatever the bytes and however they are split;
/// - `closeTransport` comes at most once, and nothing comes after it;
/// - every frame we would send is a legal frame (control payload <= 125,
///   Close bodies with a sendable code) that our own decoder accepts back;
/// - once a close has started (ours, every fifth chunk, or theirs), no data is accepted for sending.
///
/// Layout: byte 0 picks the role and the chunk size; the rest is the stream.
enum WebSocketFuzzInput {
    static func run(_ input: [UInt8]) {
        guard let control = input.first else { return }
        let role: WebSocketRole = control & 1 == 0 ? .server : .client
        let chunk = Int(control >> 1) + 1
        let stream = Array(input.dropFirst())
        let configuration = WebSocketProtocolConfiguration(maxFrameSize: 4096, maxMessageSize: 8192)
        var machine = WebSocketStateMachine(role: role, configuration: configuration, now: .zero)
        var closed = false
        var offset = 0
        var now = Duration.zero
        while offset < stream.count {
            let end = min(offset + chunk, stream.count)
            now += .seconds(7)
            var actions = machine.receive(stream[offset..<end], now: now) + machine.tick(now: now)
            // Every fifth chunk we start a close ourselves, as an owner would mid-conversation.
            if (offset / chunk) % 5 == 4, case .success(let closing) = machine.close(code: .normalClosure, reason: "fuzz", now: now) {
                actions += closing
            }
            for action in actions { check(action, after: &closed, role: role) }
            if machine.state != .open {
                precondition((try? machine.frame(for: .text("late")).get()) == nil, "data accepted after close started")
            }
            offset = end
        }
        for action in machine.transportClosed(reason: "fuzz end") { check(action, after: &closed, role: role) }
        precondition(machine.closeInfo != nil, "machine not closed after transport end")
        var head = HTTPResponseParser(limits: HTTPLimits(maxStartLineLength: 512, maxHeaderBytes: 512))
        head.append(stream)
        if (try? head.next()) != nil { precondition(head.bufferedBytes.count < stream.count, "101 head consumed nothing") }
    }

    private static func check(_ action: WebSocketStateMachine.Action, after closed: inout Bool, role: WebSocketRole) {
        precondition(!closed, "action after closeTransport: \(action)")
        switch action {
        case .closeTransport:
            closed = true
        case .deliver:
            break
        case .send(let frame):
            precondition(!frame.opcode.isControl || frame.payload.count <= WebSocketFrame.maxControlPayload)
            if frame.opcode == .close {
                let payload = try? CloseFramePayload.decode(frame.payload)
                precondition(payload != nil, "we would send an invalid Close body \(frame.payload)")
            }
            var peer = WebSocketFrameDecoder(role: role == .server ? .client : .server)
            var generator = SystemRandomNumberGenerator()
            peer.append(WebSocketFrameEncoder.encode(frame, as: role, using: &generator))
            precondition((try? peer.nextFrame()) == frame, "our frame does not round-trip: \(frame)")
        }
    }
}
