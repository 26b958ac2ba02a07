import Clocks
import Logs
import Sockets
import WebSocketCodec

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

    /// Writes `frame` now if nothing is queued or being written and the stream
    /// takes it; queues what it does not take. False only when the queue bound
    /// refuses it (`force`: control frames, which always fit).
    ///
    /// While received messages wait in the inbox, the receiver is answering a
    /// batch and will be back for the rest: on a reactor its answers are held
    /// until the end of the reactor's turn (when every ready task, the receiver
    /// included, has run), then written together. A lone answer (nothing
    /// waiting) is written at once.
    func transmit(_ frame: [UInt8], force: Bool = false) -> Bool {
        let answeringBatch = turnReactor != nil && inboxHead < inbox.count
        guard !answeringBatch && !holdingAnswers && sendQueue.isEmpty && !writerBusy && !writerDone && !finished else {
            guard sendQueue.enqueue(frame, force: force) else { return false }
            if answeringBatch { flushAtEndOfTurn = true }
            // Held answers are written by the loop once all are in (`writeHeldAnswers`).
            if !holdingAnswers { wakeLoop() }
            return true
        }
        if !writeNow(frame) { wakeLoop() }
        return true
    }

    /// Writes as much of `bytes` as the stream takes now; the rest goes back in
    /// front of the queue (it passed the bound when it was queued or built).
    /// False when some is left: then a writer must finish it. A failed write
    /// leaves it all to the writer, which finds the stream failed and reports it.
    private func writeNow(_ bytes: [UInt8]) -> Bool {
        let written = (try? bytes.withUnsafeBytes { try stream.write(someOf: $0) }) ?? 0
        guard written < bytes.count else { return true }
        sendQueue.putBack(written == 0 ? bytes : Array(bytes[written...]))
        return false
    }

    /// Tells the loop there is writing to see to (`serveWrites`): wakes it from
    /// its wait for bytes, or from its wait for room in the inbox. Nothing to
    /// do while a writer runs: it takes whatever is queued before it ends.
    func wakeLoop() {
        guard !writerRunning, !writesPending else { return }
        writesPending = true
        if let parked = readerParked {
            readerParked = nil
            parked.resume()
        } else if loopWaitsForBytes {
            stream.wakeReader()
        }
    }

    // MARK: the loop

    /// Reads and acts until the read side is over (the peer's end, an error,
    /// or the stream closed), seeing to writes whenever `wakeLoop` asks. While
    /// a writer runs, the loop goes on inside the group that holds it, and
    /// (`untilWriterEnds`) returns from there once it is done.
    private func serve(untilWriterEnds: Bool) async {
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

    /// The loop, inside a group with a writer child that writes the backlog,
    /// until the writer is done. Not inlined into `serve`: the task keeps the
    /// largest frame its loop ever had, and the group's is needed only here.
    @inline(never)
    private func serveWhileWriting() async {
        writerRunning = true
        await withDiscardingTaskGroup { group in
            group.addTask { await self.writeBacklog() }
            await serve(untilWriterEnds: true)
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

    /// Writes the answers the handler gave to one read's messages, together,
    /// from the loop. What the stream does not take now is left to a writer.
    private func writeHeldAnswers() {
        guard !sendQueue.isEmpty else { return }
        if writeQueued() { endWriteSideIfDone() } else { wakeLoop() }
    }

    /// Writes what is queued, from the loop, while the stream takes it; false
    /// when some is left for a writer (or one is already at it).
    private func writeQueued() -> Bool {
        guard !writerRunning && !writerBusy && !writerDone && !finished else { return sendQueue.isEmpty }
        while let batch = sendQueue.takeBatch() {
            guard writeNow(batch) else { return false }
        }
        return true
    }

    /// What `wakeLoop` asked for: answers held for the end of the reactor's
    /// turn go out together; once all is out after the close, the write side
    /// ends. True when the stream did not take it all: a writer must start.
    private func serveWrites() async -> Bool {
        writesPending = false
        if flushAtEndOfTurn {
            flushAtEndOfTurn = false
            if let turnReactor, !finished { await turnReactor.endOfTurn() }
        }
        if !writeQueued() && !writerRunning && !writerDone && !finished { return true }
        endWriteSideIfDone()
        return false
    }

    @inline(never)
    private func readFailed(_ error: any Error) {
        if let error = error as? SocketError {
            readEnded(error.isConnectionReset ? "connection reset by peer" : error.description)
        } else {
            readEnded("read failed: \(error)")
        }
    }

    private func readEnded(_ reason: String) {
        readDone = true
        perform(machine.transportClosed(reason: reason))
        finishIfDone()
    }

    // MARK: write side

    /// The writer: writes what is queued, several frames in one write, waiting
    /// whenever the stream is full, and ends once the queue is empty.
    private func writeBacklog() async {
        while !finished, let batch = sendQueue.takeBatch() {
            writerBusy = true
            do {
                try await stream.write(batch)
                writerBusy = false
            } catch {
                writerBusy = false
                sendQueue.removeAll()
                perform(machine.transportClosed(reason: "write failed: \(error)"))
                break
            }
        }
        writerRunning = false
        endWriteSideIfDone()
        wakeLoop()  // the loop leaves the writer's group
    }

    /// After the close, once everything queued is out (the Close frame last):
    /// FIN, then the loop waits for the peer's FIN.
    private func endWriteSideIfDone() {
        guard !writerDone, finalInfo != nil || finished, sendQueue.isEmpty, !writerBusy, !writerRunning else { return }
        try? stream.shutdownWrite()
        writerDone = true
        finishIfDone()
    }

    // MARK: timers

    /// Registers the next deadline (the machine's, or the linger after a close)
    /// when it is earlier than the one registered: one that moved later is
    /// found when the registered one comes (`deadlineCame`), so traffic that
    /// postpones the keepalive costs nothing here.
    func scheduleTimer() {
        guard !finished, let deadline = [machine.nextDeadline, lingerDeadline].compactMap({ $0 }).min() else { return }
        if let registeredDeadline, registeredDeadline <= deadline { return }
        registeredDeadline = deadline
        deadlineToken &+= 1
        deadlines.schedule(self, token: deadlineToken, at: deadline)
    }

    /// A registered deadline came: acts on what is due, registers what is not yet.
    func deadlineCame(_ token: UInt64) {
        guard token == deadlineToken, !finished else { return }
        registeredDeadline = nil
        let now = time.now
        if let lingerDeadline, now >= lingerDeadline {
            finish()
            return
        }
        if let due = machine.nextDeadline, now >= due {
            perform(machine.tick(now: now))
        } else {
            scheduleTimer()
        }
    }

    // MARK: the end

    private func finishIfDone() {
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
