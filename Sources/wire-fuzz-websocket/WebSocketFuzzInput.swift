import HTTPCodec
import WebSocketCodec

/// One fuzz input driven through the pure WebSocket layers, checking the
/// invariants a peer must never be able to break:
/// - decoding never crashes, whatever the bytes and however they are split;
/// - `closeTransport` comes at most once, and nothing comes after it;
/// - every frame we would send is a legal frame (control payload <= 125,
///   Close bodies with a sendable code) that our own decoder accepts back;
/// - once a close has started (ours, every fifth chunk, or theirs), no data is accepted for sending;
/// - frames parsed in place (the caller keeping the unparsed rest, as a
///   connection's read buffer does) act exactly as frames buffered in the
///   decoder, and what is kept is never more than one frame.
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
        var inPlace = machine
        var kept: [UInt8] = []
        var closed = false
        var offset = 0
        var now = Duration.zero
        while offset < stream.count {
            let end = min(offset + chunk, stream.count)
            now += .seconds(7)
            var actions = machine.receive(stream[offset..<end], now: now) + machine.tick(now: now)
            kept += stream[offset..<end]
            let receipt = kept.withUnsafeBytes { inPlace.receive(inPlace: $0, now: now) }
            kept.removeFirst(receipt.consumed)
            precondition(kept.count <= configuration.maxFrameSize + 14, "kept more than one frame: \(kept.count) bytes")
            if let size = receipt.pendingFrameSize { precondition(size > kept.count, "pending frame size \(size) with \(kept.count) kept") }
            var inPlaceActions = receipt.actions + inPlace.tick(now: now)
            // Every fifth chunk we start a close ourselves, as an owner would mid-conversation.
            if (offset / chunk) % 5 == 4, case .success(let closing) = machine.close(code: .normalClosure, reason: "fuzz", now: now) {
                actions += closing
            }
            if (offset / chunk) % 5 == 4, case .success(let closing) = inPlace.close(code: .normalClosure, reason: "fuzz", now: now) {
                inPlaceActions += closing
            }
            precondition(inPlaceActions == actions, "in place \(inPlaceActions) but buffered \(actions)")
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
