import Clocks
import Logs
import Sockets
import WebSocketCodec

/// The connection's loop: reads, parses and acts, sees to writes when asked,
/// and ends the connection once both sides are done.
extension WebSocketConnection {
    /// Serves the connection until it is over, in the caller's task: one loop
    /// reads, parses and acts, and also writes what `send` could not write at
    /// once. A writer exists only while the stream is full: a child that
    /// writes the backlog and ends, so reading goes on meanwhile. The
    /// deadline driver is a child when the connection has its own. So an idle
    /// connection under a server costs the one task that runs this, and no
    /// task group. `initialBytes` are bytes that arrived with the handshake
    /// head (a first frame); `messages`, when given, is the `handleMessages`
    /// callback from the first message on.
    func run(initialBytes: [UInt8], messages: MessageHandler? = nil) async {
        turnReactor = reactorRunningThisTask()
        if let messages { messageHandler = messages }
        scheduleTimer()
        readBuffer.append(initialBytes)
        if !initialBytes.isEmpty { ingest() }
        if ownsDeadlines { await serveWithOwnDeadlines() } else { await serve(untilWriterEnds: false) }
        if messages != nil { messageHandler = nil }
    }

    /// The loop beside the connection's own deadline driver (a client's).
    @inline(never)
    private func serveWithOwnDeadlines() async {
        await withDiscardingTaskGroup { group in
            group.addTask { [deadlines] in await deadlines.run() }
            await serve(untilWriterEnds: false)
        }
    }

    /// `run` in a task of its own, for a connection that outlives the call that
    /// opened it (a client's `connect` returns it to its caller, who has no group
    /// to put it in). Unstructured for that reason only: it ends when the
    /// connection does (a close, the stream's end, `abort`), and it runs on the
    /// stream's preferred executor as `run` would under a server.
    nonisolated func start(initialBytes: [UInt8]) {
        Task(executorPreference: SimulationExecutor.current) { await self.run(initialBytes: initialBytes) }
    }

    /// The stream's reactor, if the calling task runs on it (its executor
    /// preference): the server runs handlers there (`runsHandlersOnReactor`).
    private nonisolated func reactorRunningThisTask() -> Reactor? {
        guard let reactor = stream.preferredExecutor as? Reactor else { return nil }
        let preferred = withUnsafeCurrentTask { $0?.unownedTaskExecutor }
        return preferred == reactor.asUnownedTaskExecutor() ? reactor : nil
    }

    /// Carries out the state machine's actions, in order.
    func perform(_ actions: [WebSocketStateMachine.Action]) {
        for action in actions {
            switch action {
            case .send(let frame):
                // Only control frames come from the machine: they bypass the queue bound.
                _ = transmit(encode(frame), force: true)
            case .deliver(let message):
                if let messageHandler {
                    messageHandler(self, message)
                } else if !receivers.deliver(message) {
                    inbox.append(message)
                }
            case .closeTransport(let info):
                finalInfo = info
                lingerDeadline = time.now + machine.configuration.closeTimeout
                log(info)
                endWriteSideIfDone()
                if inboxHead == inbox.count { endReceivers() }
            }
        }
        scheduleTimer()
    }

    // MARK: the loop

    /// Reads and acts until the read side is over (the peer's end, an error,
    /// or the stream closed), seeing to writes whenever `wakeLoop` asks. While
    /// a writer runs, the loop goes on inside the group that holds it, and
    /// (`untilWriterEnds`) returns from there once it is done.
    func serve(untilWriterEnds: Bool) async {
        while true {
            if writesPending {
                if await serveWrites() { await serveWhileWriting() }
                continue  // more may have been asked for meanwhile: `wakeLoop` does not wake a loop that is not waiting
            }
            if readDone || (untilWriterEnds && !writerRunning) { return }
            if inboxIsFull {
                // Parked while the inbox is full; `receive` (or a write to see to) resumes it.
                await withCheckedContinuation { readerParked = $0 }
                continue
            }
            let count: Int?
            loopWaitsForBytes = true
            do {
                count = try await readBuffer.read(from: stream)
                loopWaitsForBytes = false
            } catch {
                loopWaitsForBytes = false
                readFailed(error)
                continue
            }
            guard let count else { continue }  // woken with no bytes: there is writing to see to
            if count == 0 {
                readEnded("peer closed TCP without a close frame")
                continue
            }
            ingest()
        }
    }

    /// Acts on the whole frames in the read buffer, parsed where they lie (the
    /// start of the next one stays there).
    private func ingest() {
        let receipt = machine.receive(inPlace: readBuffer.unconsumed, now: time.now)
        readBuffer.consume(receipt.consumed, pendingFrameSize: receipt.pendingFrameSize)
        holdingAnswers = messageHandler != nil && receipt.actions.count > 1
        perform(receipt.actions)
        if holdingAnswers {
            holdingAnswers = false
            writeHeldAnswers()
        }
    }

    /// The loop must wait for `receive` before it reads on.
    private var inboxIsFull: Bool { inbox.count - inboxHead >= Self.inboxLimit && finalInfo == nil }

    @inline(never)
    private func readFailed(_ error: any Error) {
        if let error = error as? SocketError {
            readEnded(error.isConnectionReset ? "connection reset by peer" : error.description)
        } else {
            readEnded("read failed: \(error)")
        }
    }

    func readEnded(_ reason: String) {
        readDone = true
        perform(machine.transportClosed(reason: reason))
        finishIfDone()
    }

    // MARK: the end

    func finishIfDone() {
        if readDone && writerDone { finish() }
    }

    /// Closes the stream (exactly once) and tells everyone waiting.
    func finish() {
        guard !finished else { return }
        finished = true
        stream.close()
        deadlineToken &+= 1
        if ownsDeadlines { deadlines.stop() }
        let info = finalInfo ?? machine.closeInfo
            ?? WebSocketCloseInfo(initiator: .local, code: .abnormalClosure, reason: "closed")
        finalInfo = info
        readerParked?.resume()
        readerParked = nil
        if inboxHead == inbox.count { endReceivers() }
        for waiter in closedWaiters { waiter.resume(returning: info) }
        closedWaiters = []
    }

    private func log(_ info: WebSocketCloseInfo) {
        let fields: [(String, any CustomStringConvertible)] = [
            ("client", remoteAddress), ("initiator", info.initiator.rawValue),
            ("code", info.reportedCode.rawValue), ("reason", info.reason), ("class", info.severity.rawValue),
        ]
        let level = lifecycleLogLevel
        logger.log(level <= .debug || info.severity == .clean ? level : .warning, "websocket closed", fields)
    }
}
