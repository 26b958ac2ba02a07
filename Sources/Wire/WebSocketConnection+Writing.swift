import Sockets
import WebSocketCodec

/// The write side: a `send` writes at once when it can; what the stream does
/// not take waits in the queue for the loop, or, while the stream stays
/// full, for a writer child that exists only until the queue is empty.
extension WebSocketConnection {
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

    /// Writes the answers the handler gave to one read's messages, together,
    /// from the loop. What the stream does not take now is left to a writer.
    func writeHeldAnswers() {
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
    func serveWrites() async -> Bool {
        writesPending = false
        if flushAtEndOfTurn {
            flushAtEndOfTurn = false
            if let turnReactor, !finished { await turnReactor.endOfTurn() }
        }
        if !writeQueued() && !writerRunning && !writerDone && !finished { return true }
        endWriteSideIfDone()
        return false
    }

    /// The loop, inside a group with a writer child that writes the backlog,
    /// until the writer is done. Not inlined into `serve`: the task keeps the
    /// largest frame its loop ever had, and the group's is needed only here.
    @inline(never)
    func serveWhileWriting() async {
        writerRunning = true
        await withDiscardingTaskGroup { group in
            group.addTask { await self.writeBacklog() }
            await serve(untilWriterEnds: true)
        }
    }

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
    func endWriteSideIfDone() {
        guard !writerDone, finalInfo != nil || finished, sendQueue.isEmpty, !writerBusy, !writerRunning else { return }
        try? stream.shutdownWrite()
        writerDone = true
        finishIfDone()
    }
}
