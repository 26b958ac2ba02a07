import Clocks
import Logs
import Sockets
import WebSocketCodec

/// One open WebSocket connection over a byte stream (TCP, or one in memory), server or client side.
///
/// The protocol lives in `WebSocketStateMachine`; this actor only moves bytes
/// and time in and performs the actions that come out. `run` serves it in one
/// loop, in the task that runs the connection: stream -> one reused buffer ->
/// state machine -> the waiting `receive` (or the `handleMessages` callback).
/// A `send` with nothing queued writes the frame itself, at once; only while
/// the stream is full does a writer child exist, for the backlog. Its timers
/// (keepalive, close timeout) wait in a `WebSocketDeadlines` on the injected
/// `TimeSource`, shared by all the connections of a server, so an idle
/// connection has no timer task. The loop runs where the task that runs the
/// connection runs: under a server that runs handlers on its sockets'
/// reactors (`HTTPServerConfiguration.runsHandlersOnReactor`), on the reactor
/// thread that saw the bytes arrive, so a message wakes exactly one thread,
/// which also writes the answer.
///
/// Nothing here throws at the caller: `send` and `close` return a
/// `WebSocketSendOutcome`, `receive` returns nil once the connection is over,
/// and `closed()` gives the final `WebSocketCloseInfo` (who, code, reason, class).
public actor WebSocketConnection {
    public nonisolated let role: WebSocketRole
    public nonisolated let remoteAddress: SocketAddress
    public nonisolated let localAddress: SocketAddress

    nonisolated let stream: any ByteStream
    let time: any TimeSource
    let logger: Logger
    /// The level of this connection's open and close lines (`WebSocketConfiguration.lifecycleLogLevel`).
    let lifecycleLogLevel: LogLevel
    var machine: WebSocketStateMachine
    var sendQueue: WebSocketSendQueue
    /// Draws a client's masking keys (RFC 6455 section 5.3): the system's
    /// unless the connector gave a seeded one, so that a simulated run sends
    /// the same bytes every time. A server never masks.
    var generator: InjectedRandom

    /// Messages received and not yet taken by `receive`.
    var inbox: [WebSocketMessage] = []
    var inboxHead = 0
    /// Tasks waiting in `receive`, served first come, first served.
    let receivers = WebSocketReceivers()
    /// The loop, parked while the inbox is full (backpressure to TCP).
    var readerParked: CheckedContinuation<Void, Never>?
    /// The loop waits for bytes: `wakeLoop` wakes it through the stream.
    var loopWaitsForBytes = false
    /// There is writing for the loop to see to (`wakeLoop`).
    var writesPending = false
    /// A writer child is writing the backlog: what is queued is its to write.
    var writerRunning = false
    /// The writer holds a batch it has not finished writing: a `send` must queue
    /// behind it, never write past it.
    var writerBusy = false
    /// The reactor the loop runs on, when it does: answers to a batch of
    /// received messages wait for the end of its turn and leave in one write.
    var turnReactor: Reactor?
    /// A frame was held back for the end of the reactor's turn: the loop waits for it before writing.
    var flushAtEndOfTurn = false
    var closedWaiters: [CheckedContinuation<WebSocketCloseInfo, Never>] = []
    /// Given each message as the read loop parses it, while `handleMessages` runs.
    var messageHandler: MessageHandler?
    /// The handler is answering several messages that came in one read: its
    /// answers are queued and leave together, in one write, once all are in.
    var holdingAnswers = false
    /// The read loop's buffer: memory only while bytes come in.
    let readBuffer = WebSocketReadBuffer()

    /// Where this connection's deadlines wait: its server's shared driver, or its own
    /// (run as a child of `run`) when it has no server on its clock.
    let deadlines: WebSocketDeadlines
    let ownsDeadlines: Bool
    /// The deadline registered with `deadlines` and its token; an entry with
    /// another token is outdated. Nil once it came (or none was needed).
    var registeredDeadline: Duration?
    var deadlineToken: UInt64 = 0
    /// After the close is decided: keep reading (and discarding) until the
    /// peer's FIN or this deadline, so our Close frame is not lost to a reset.
    var lingerDeadline: Duration?
    var readDone = false
    /// The write side is over: everything was written after the close, then FIN.
    var writerDone = false
    var finalInfo: WebSocketCloseInfo?
    var finished = false

    /// Received messages waiting in memory before the read loop stops reading
    /// the socket: a slow consumer slows the peer through TCP flow control.
    /// So an owner must keep calling `receive()` (or iterate `messages`): while
    /// the inbox is full, pings and the peer's Close are not read either.
    static let inboxLimit = 64

    init(
        stream: any ByteStream, role: WebSocketRole, configuration: WebSocketConfiguration,
        time: any TimeSource, logger: Logger, random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        deadlines shared: WebSocketDeadlines? = nil
    ) {
        let shared = shared.flatMap { $0.runs(on: time) ? $0 : nil }
        self.deadlines = shared ?? WebSocketDeadlines(time: time)
        self.ownsDeadlines = shared == nil
        self.generator = InjectedRandom(random)
        self.stream = stream
        self.role = role
        self.remoteAddress = stream.remoteAddress
        self.localAddress = stream.localAddress
        self.time = time
        self.logger = logger
        self.lifecycleLogLevel = configuration.lifecycleLogLevel
        self.machine = WebSocketStateMachine(role: role, configuration: configuration.protocolConfiguration, now: time.now)
        self.sendQueue = WebSocketSendQueue(limit: configuration.maxQueuedBytes)
    }

    /// Sends a text message (one frame). Never throws: see `WebSocketSendOutcome`.
    public func send(text: String) -> WebSocketSendOutcome { send(.text(text)) }

    /// Sends a binary message (one frame).
    public func send(binary: [UInt8]) -> WebSocketSendOutcome { send(.binary(binary)) }

    public func send(_ message: WebSocketMessage) -> WebSocketSendOutcome {
        switch machine.state {
        case .open: break
        case .closing: return .notSent(.closing)
        case .closed(let info): return .notSent(.closed(info))
        }
        // The payload is copied once, from the string's UTF-8 or the array, into the frame.
        let frame = switch message {
        case .text(let text): WebSocketFrameEncoder.encode(opcode: .text, payload: text.utf8, as: role, using: &generator)
        case .binary(let bytes): WebSocketFrameEncoder.encode(opcode: .binary, payload: bytes, as: role, using: &generator)
        }
        guard transmit(frame) else {
            let limit = sendQueue.limit
            sendQueue.removeAll()  // whole frames only: what is in flight finishes, the rest is freed now
            perform(machine.fail(code: .policyViolation, reason: "send queue over \(limit) bytes: peer is not reading"))
            return .notSent(machine.closeInfo.map { .closed($0) } ?? .closing)
        }
        return .sent
    }

    /// Starts the close handshake (RFC 6455 section 7.1.2). `.sent` means our
    /// Close frame is queued; await `closed()` for the outcome.
    @discardableResult
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") -> WebSocketSendOutcome {
        switch machine.close(code: code, reason: reason, now: time.now) {
        case .failure(let reason):
            return .notSent(reason)
        case .success(let actions):
            perform(actions)
            return .sent
        }
    }

    /// The next message, in order; nil once the connection is over and every
    /// message received before the close has been taken, or if the calling
    /// task is cancelled while waiting.
    public func receive() async -> WebSocketMessage? {
        if let message = takeFromInbox() { return message }
        if finalInfo != nil || machine.closeInfo != nil { return nil }
        let receivers = receivers
        let id = receivers.newID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { parkReceiver(id, $0) }
        } onCancel: {
            receivers.cancel(id)
        }
    }

    /// Messages as an async sequence (ends when the connection is over).
    public nonisolated var messages: AsyncStream<WebSocketMessage> {
        AsyncStream(unfolding: { await self.receive() })
    }

    /// Waits until the connection is fully over (TCP closed) and says how it ended.
    public func closed() async -> WebSocketCloseInfo {
        if finished, let finalInfo { return finalInfo }
        return await withCheckedContinuation { closedWaiters.append($0) }
    }

    /// How the connection ended, or nil while it is still open or closing.
    public var closeInfo: WebSocketCloseInfo? { machine.closeInfo }

    /// Closes the TCP connection at once, without a close handshake
    /// (reported as 1006 with initiator `.local`). For shutdown paths that
    /// cannot wait, and for tests of an abruptly vanishing peer.
    public func abort(reason: String = "aborted locally") {
        perform(machine.transportClosed(reason: reason, initiator: .local))
        finish()
    }

    func encode(_ frame: WebSocketFrame) -> [UInt8] {
        WebSocketFrameEncoder.encode(frame, as: role, using: &generator)
    }

    func takeFromInbox() -> WebSocketMessage? {
        guard inboxHead < inbox.count else { return nil }
        let message = inbox[inboxHead]
        inboxHead += 1
        if inboxHead == inbox.count {
            inbox.removeAll(keepingCapacity: true)
            inboxHead = 0
        }
        if let parked = readerParked {
            readerParked = nil
            parked.resume()
        }
        return message
    }

    /// Parks a receiver, on the actor: were the closure that calls this to run off
    /// the actor, the read loop could put a message in the inbox between the
    /// check in `receive` and the park, and the receiver would wait for the next
    /// one. So the inbox is looked at again here, with the actor held.
    private func parkReceiver(_ id: UInt64, _ continuation: WebSocketReceivers.Continuation) {
        if let message = takeFromInbox() {
            continuation.resume(returning: message)
        } else if finalInfo != nil || machine.closeInfo != nil {
            continuation.resume(returning: nil)
        } else {
            receivers.park(id, continuation)
        }
    }

    /// Wakes every waiting `receive` with nil: the connection is over and the inbox is empty.
    func endReceivers() { receivers.endAll() }
}
