/// The life of one WebSocket connection as a pure state machine.
///
/// It does no I/O and reads no clock: the caller passes bytes and the time in,
/// and performs the returned actions in order (write a frame, deliver a
/// message, close the TCP connection). So the close handshake, the close
/// timeout and keepalive are tested with plain values and virtual time.
///
/// open -> closing (we sent Close and wait for the peer's) -> closed.
/// A Close from the peer while open is answered at once and goes straight to
/// closed. `closeTransport` is returned exactly once, with the final info.
public struct WebSocketStateMachine: Sendable {
    public enum State: Sendable, Equatable {
        case open
        /// We sent Close (code, reason) at `since` and wait for the peer's.
        case closing(sent: CloseFramePayload, since: Duration)
        case closed(WebSocketCloseInfo)
    }

    public enum Action: Sendable, Equatable {
        case send(WebSocketFrame)
        case deliver(WebSocketMessage)
        /// Flush what was queued, then close the TCP connection; the connection is over.
        case closeTransport(WebSocketCloseInfo)
    }

    public let role: WebSocketRole
    public let configuration: WebSocketProtocolConfiguration
    public private(set) var state: State = .open

    private var decoder: WebSocketFrameDecoder
    private var assembler: WebSocketMessageAssembler
    var keepalive: Keepalive

    public init(role: WebSocketRole, configuration: WebSocketProtocolConfiguration = .init(), now: Duration) {
        self.role = role
        self.configuration = configuration
        decoder = WebSocketFrameDecoder(role: role, maxFrameSize: configuration.maxFrameSize)
        assembler = WebSocketMessageAssembler(maxMessageSize: configuration.maxMessageSize)
        keepalive = Keepalive(interval: configuration.pingInterval, pongTimeout: configuration.pongTimeout, now: now)
    }

    /// How the connection ended, once it has.
    public var closeInfo: WebSocketCloseInfo? {
        if case .closed(let info) = state { return info }
        return nil
    }

    /// Bytes from the socket; every complete frame in them is acted on.
    public mutating func receive(_ bytes: some Sequence<UInt8>, now: Duration) -> [Action] {
        guard closeInfo == nil else { return [] }
        decoder.append(bytes)
        var actions: [Action] = []
        while closeInfo == nil {
            do {
                guard let frame = try decoder.nextFrame() else {
                    // A text frame still arriving is checked now: invalid UTF-8 fails at once (1007).
                    if let opcode = decoder.pendingOpcode, assembler.checksEarly(opcode),
                       let bytes = decoder.partialPayload(from: assembler.checkedPrefix) {
                        try assembler.checkPartial(opcode: opcode, bytes: bytes)
                    }
                    break
                }
                guard let unit = try assembler.receive(frame) else { continue }
                actions += handle(unit, now: now)
            } catch {
                actions += fail(code: error.closeCode, reason: error.closeReason)
            }
        }
        return actions
    }

    /// What `receive(inPlace:now:)` did with the bytes it was offered.
    public struct InPlaceReceipt: Sendable, Equatable {
        public var actions: [Action]
        /// Bytes at the front taken by whole frames: the caller drops them
        /// and keeps the rest (the start of the next frame) for the next call.
        public var consumed: Int
        /// Header and payload of the frame the kept bytes begin, once its
        /// header is in: how much room the caller's buffer needs for it.
        public var pendingFrameSize: Int?
    }

    /// `receive(_:now:)` for bytes the caller keeps in its own buffer: frames
    /// are parsed where they lie and each payload is unmasked as it is copied
    /// out, so nothing is buffered here. The incomplete frame at the end is
    /// left to the caller (see `InPlaceReceipt`), who offers it again with more.
    public mutating func receive(inPlace bytes: UnsafeRawBufferPointer, now: Duration) -> InPlaceReceipt {
        guard closeInfo == nil else { return InPlaceReceipt(actions: [], consumed: bytes.count) }
        // Bytes given to `receive(_:now:)` before are still here: keep to that path.
        guard decoder.bufferedByteCount == 0 else { return InPlaceReceipt(actions: receive(bytes, now: now), consumed: bytes.count) }
        var actions: [Action] = []
        var consumed = 0
        var pendingFrameSize: Int?
        while closeInfo == nil {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
            do {
                guard let (frame, size) = try decoder.nextFrame(in: rest) else {
                    if let pending = decoder.pendingFrame(in: rest) {
                        pendingFrameSize = pending.size
                        // A text frame still arriving is checked now: invalid UTF-8 fails at once (1007).
                        if assembler.checksEarly(pending.opcode), let bytes = decoder.partialPayload(in: rest, from: assembler.checkedPrefix) {
                            try assembler.checkPartial(opcode: pending.opcode, bytes: bytes)
                        }
                    }
                    break
                }
                consumed += size
                guard let unit = try assembler.receive(frame) else { continue }
                actions += handle(unit, now: now)
            } catch {
                actions += fail(code: error.closeCode, reason: error.closeReason)
            }
        }
        if closeInfo != nil { return InPlaceReceipt(actions: actions, consumed: bytes.count) }
        return InPlaceReceipt(actions: actions, consumed: consumed, pendingFrameSize: pendingFrameSize)
    }

    /// The frame to write for an outgoing message, or why it may not be sent.
    public func frame(for message: WebSocketMessage) -> Result<WebSocketFrame, WebSocketNotSentReason> {
        switch state {
        case .open: break
        case .closing: return .failure(.closing)
        case .closed(let info): return .failure(.closed(info))
        }
        switch message {
        case .text(let text): return .success(WebSocketFrame(opcode: .text, payload: Array(text.utf8)))
        case .binary(let bytes): return .success(WebSocketFrame(opcode: .binary, payload: bytes))
        }
    }

    /// Starts the close handshake (RFC 6455 section 7.1.2). Idempotent: a
    /// second call while closing or after closed only reports the state.
    public mutating func close(code: WebSocketCloseCode, reason: String, now: Duration) -> Result<[Action], WebSocketNotSentReason> {
        switch state {
        case .open: break
        case .closing: return .failure(.closing)
        case .closed(let info): return .failure(.closed(info))
        }
        let payload = CloseFramePayload(code: code, reason: reason)
        guard let body = payload.encoded() else { return .failure(.invalidCloseCode(code)) }
        state = .closing(sent: payload, since: now)
        return .success([.send(WebSocketFrame(opcode: .close, payload: body))])
    }

    /// The TCP connection ended (EOF, reset, write error), or we dropped it
    /// ourselves without a handshake (`initiator: .local`). Without a Close
    /// frame from the peer the close code is 1006 (section 7.1.5).
    public mutating func transportClosed(reason: String, initiator: WebSocketCloseInfo.Initiator = .transport) -> [Action] {
        guard closeInfo == nil else { return [] }
        return finish(WebSocketCloseInfo(initiator: initiator, code: .abnormalClosure, reason: reason))
    }

    /// Fails the connection (section 7.1.7): a Close with `code` if we have not
    /// sent one yet, then the TCP close. Used for protocol errors, keepalive
    /// timeout, and a send queue over its bound.
    public mutating func fail(code: WebSocketCloseCode, reason: String) -> [Action] {
        switch state {
        case .closed:
            return []
        case .closing:
            return finish(WebSocketCloseInfo(initiator: .local, code: code, reason: reason))
        case .open:
            let body = CloseFramePayload(code: code, reason: reason).encoded() ?? []
            return [.send(WebSocketFrame(opcode: .close, payload: body))]
                + finish(WebSocketCloseInfo(initiator: .local, code: code, reason: reason))
        }
    }

    private mutating func handle(_ unit: WebSocketInbound, now: Duration) -> [Action] {
        switch unit {
        case .message(let message):
            return [.deliver(message)]
        case .ping(let payload):
            // Section 5.5.2: answer with a Pong of the same payload, unless we already sent Close.
            return state == .open ? [.send(WebSocketFrame(opcode: .pong, payload: payload))] : []
        case .pong:
            keepalive.pongReceived()
            return []
        case .close(let received):
            return peerClosed(received)
        }
    }

    private mutating func peerClosed(_ received: CloseFramePayload) -> [Action] {
        switch state {
        case .closed:
            return []
        case .closing(let sent, _):
            // Our handshake completed: the close is ours, with the code we sent.
            return finish(WebSocketCloseInfo(initiator: .local, code: sent.code, reason: sent.reason))
        case .open:
            // Section 5.5.1: reply with a Close, echoing the status code received.
            let reply = CloseFramePayload(code: received.code).encoded() ?? []
            return [.send(WebSocketFrame(opcode: .close, payload: reply))]
                + finish(WebSocketCloseInfo(initiator: .remote, code: received.code, reason: received.reason))
        }
    }

    private mutating func finish(_ info: WebSocketCloseInfo) -> [Action] {
        state = .closed(info)
        return [.closeTransport(info)]
    }
}
