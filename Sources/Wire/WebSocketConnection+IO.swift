import Clocks
import Logs
import Sockets
import WebSocketCodec

extension WebSocketConnection {
    /// Serves the connection until it is over: the read loop as a child of the
    /// caller's task (so it runs where that runs, on its preferred executor, and
    /// ends before this returns), the writer in the caller's task itself (one
    /// task fewer to keep while idle), and the deadline driver as a child when the
    /// connection has its own; `initialBytes` are bytes that arrived with the
    /// handshake head (a first frame).
    func run(initialBytes: [UInt8]) async {
        turnReactor = reactorRunningThisTask()
        scheduleTimer()
        await withDiscardingTaskGroup { group in
            if ownsDeadlines { group.addTask { [deadlines] in await deadlines.run() } }
            group.addTask { await self.readLoop(initialBytes) }
            await writeLoop()
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
                wakeWriter()
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
            // Held answers are written by the read loop once all are in (`writeHeldAnswers`).
            if !holdingAnswers { wakeWriter() }
            return true
        }
        writeNow(frame)
        return true
    }

    /// Writes as much of `bytes` as the stream takes now; the rest goes back in
    /// front of the queue (it passed the bound when it was queued or built) and
    /// the writer is woken for it and for anything queued behind. A failed
    /// write leaves it all to the writer, which finds the stream failed and reports it.
    private func writeNow(_ bytes: [UInt8]) {
        let written = (try? bytes.withUnsafeBytes { try stream.write(someOf: $0) }) ?? 0
        if written < bytes.count { sendQueue.putBack(written == 0 ? bytes : Array(bytes[written...])) }
        if !sendQueue.isEmpty { wakeWriter() }
    }

    /// Resumes the parked writer; it takes what is queued when it runs, not now,
    /// so frames queued meanwhile join the same write.
    func wakeWriter() {
        writerParked?.resume()
        writerParked = nil
    }

    // MARK: read side

    private func readLoop(_ initialBytes: [UInt8]) async {
        readBuffer.append(initialBytes)
        if !initialBytes.isEmpty && ingest() { await withCheckedContinuation { readerParked = $0 } }
        while !readDone {
            let count: Int
            do {
                count = try await readBuffer.read(from: stream)
            } catch let error as SocketError {
                readEnded(error.isConnectionReset ? "connection reset by peer" : error.description)
                return
            } catch {
                readEnded("read failed: \(error)")
                return
            }
            if count == 0 {
                readEnded("peer closed TCP without a close frame")
                return
            }
            // Parked while the inbox is full; not a call of its own, so a message costs no extra hop.
            if ingest() { await withCheckedContinuation { readerParked = $0 } }
        }
    }

    /// Acts on the whole frames in the read buffer, parsed where they lie (the
    /// start of the next one stays there); true when the inbox is full and the
    /// read loop must wait for `receive` before it reads on.
    private func ingest() -> Bool {
        let receipt = machine.receive(inPlace: readBuffer.unconsumed, now: time.now)
        readBuffer.consume(receipt.consumed, pendingFrameSize: receipt.pendingFrameSize)
        holdingAnswers = messageHandler != nil && receipt.actions.count > 1
        perform(receipt.actions)
        if holdingAnswers {
            holdingAnswers = false
            writeHeldAnswers()
        }
        return inbox.count - inboxHead >= Self.inboxLimit && finalInfo == nil
    }

    /// Writes the answers the handler gave to one read's messages, together,
    /// from the read loop: waking the writer would only do the same a turn
    /// later. What the stream does not take now is left to the writer.
    private func writeHeldAnswers() {
        guard !sendQueue.isEmpty else { return }
        guard !writerBusy && !writerDone && !finished, let batch = sendQueue.takeBatch() else {
            wakeWriter()
            return
        }
        writeNow(batch)
    }

    private func readEnded(_ reason: String) {
        readDone = true
        perform(machine.transportClosed(reason: reason))
        finishIfDone()
    }

    // MARK: write side

    /// The next batch to write, once the queue has one; nil when the connection is over.
    private func nextBatch() async -> [UInt8]? {
        while true {
            if flushAtEndOfTurn && !finished, let turnReactor {
                flushAtEndOfTurn = false
                await turnReactor.endOfTurn()
            }
            if let batch = sendQueue.takeBatch() {
                writerBusy = true
                return batch
            }
            if finalInfo != nil || finished { return nil }
            await withCheckedContinuation { writerParked = $0 }
        }
    }

    /// Writes what `send` could not write at once (the stream was full, or a
    /// batch was already being written): several queued frames go out in one write.
    private func writeLoop() async {
        while let batch = await nextBatch() {
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
        // The Close frame (if any) is out: FIN, then wait for the peer's FIN (the read loop).
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
        wakeWriter()
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
