import Clocks
import Logs
import Sockets
import WebSocketCodec

extension WebSocketConnection {
    /// Starts the read loop, the writer and the timer; `initialBytes` are
    /// bytes that arrived with the handshake head (a first frame).
    func start(initialBytes: [UInt8]) {
        Task(executorPreference: SimulationExecutor.current) { await self.writeLoop() }
        Task(executorPreference: SimulationExecutor.current) {
            if !initialBytes.isEmpty { await self.ingest(initialBytes) }
            await self.readLoop()
        }
        scheduleTimer()
    }

    /// Carries out the state machine's actions, in order.
    func perform(_ actions: [WebSocketStateMachine.Action]) {
        for action in actions {
            switch action {
            case .send(let frame):
                // Only control frames come from the machine: they bypass the queue bound.
                _ = sendQueue.enqueue(encode(frame), force: true)
                wakeWriter()
            case .deliver(let message):
                if !receivers.isEmpty {
                    receivers.removeFirst().continuation.resume(returning: message)
                } else {
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

    func wakeWriter() {
        guard let parked = writerParked else { return }
        if let batch = sendQueue.takeBatch() {
            writerParked = nil
            parked.resume(returning: batch)
        } else if finalInfo != nil {
            writerParked = nil
            parked.resume(returning: nil)
        }
    }

    // MARK: read side

    private func readLoop() async {
        while !readDone {
            let bytes: [UInt8]
            do {
                bytes = try await stream.read()
            } catch let error as SocketError {
                readEnded(error.isConnectionReset ? "connection reset by peer" : error.description)
                return
            } catch {
                readEnded("read failed: \(error)")
                return
            }
            if bytes.isEmpty {
                readEnded("peer closed TCP without a close frame")
                return
            }
            await ingest(bytes)
        }
    }

    func ingest(_ bytes: [UInt8]) async {
        perform(machine.receive(bytes, now: time.now))
        if inbox.count - inboxHead >= Self.inboxLimit && finalInfo == nil {
            await withCheckedContinuation { readerParked = $0 }
        }
    }

    private func readEnded(_ reason: String) {
        readDone = true
        perform(machine.transportClosed(reason: reason))
        finishIfDone()
    }

    // MARK: write side

    private func nextBatch() async -> [UInt8]? {
        if let batch = sendQueue.takeBatch() { return batch }
        if finalInfo != nil { return nil }
        return await withCheckedContinuation { writerParked = $0 }
    }

    private func writeLoop() async {
        while let batch = await nextBatch() {
            do {
                try await stream.write(batch)
            } catch {
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

    func scheduleTimer() {
        guard !finished else { return }
        let deadline = [machine.nextDeadline, lingerDeadline].compactMap { $0 }.min()
        guard deadline != timerDeadline else { return }
        timerTask?.cancel()
        timerGeneration += 1
        timerDeadline = deadline
        guard let deadline else {
            timerTask = nil
            return
        }
        let generation = timerGeneration
        timerTask = Task(executorPreference: SimulationExecutor.current) { [time] in
            do { try await time.sleep(until: deadline) } catch { return }
            await self.timerFired(generation)
        }
    }

    private func timerFired(_ generation: UInt64) {
        guard generation == timerGeneration else { return }
        timerDeadline = nil
        let now = time.now
        if let lingerDeadline, now >= lingerDeadline {
            finish()
            return
        }
        perform(machine.tick(now: now))
    }

    // MARK: the end

    private func finishIfDone() {
        if readDone && writerDone { finish() }
    }

    /// Closes the socket (exactly once) and tells everyone waiting.
    func finish() {
        guard !finished else { return }
        finished = true
        stream.close()
        timerTask?.cancel()
        timerTask = nil
        let info = finalInfo ?? machine.closeInfo
            ?? WebSocketCloseInfo(initiator: .local, code: .abnormalClosure, reason: "closed")
        finalInfo = info
        readerParked?.resume()
        readerParked = nil
        writerParked?.resume(returning: nil)
        writerParked = nil
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
