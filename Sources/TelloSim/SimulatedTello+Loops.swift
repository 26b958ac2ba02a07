import Clocks
import Networks
import Logs
import Sockets
import TelloSDK

extension SimulatedTello {
    /// Longest command datagram read; anything longer is cut by the kernel and refused by the parser.
    static let maxCommandBytes = 1024

    func receiveLoop(_ socket: any DatagramEndpoint) async {
        while !Task.isCancelled {
            do {
                let datagram = try await socket.receive(maxBytes: Self.maxCommandBytes)
                arrived(datagram)
            } catch let error as SocketError where error.isClosed {
                return
            } catch is CancellationError {
                return
            } catch {
                logger.warning("receive failed", ("error", String(describing: error)))
            }
        }
    }

    /// One command datagram: log it, hand it to the core, send what is due.
    func arrived(_ datagram: Datagram) {
        let text = String(decoding: datagram.bytes, as: UTF8.self)
        let shown = (try? TelloCommand(parsing: text))?.description ?? String(text.prefix(64))
        let (arrival, due) = core.receive(text, from: datagram.from, at: time.now)
        logger.info("command received", ("client", datagram.from), ("command", shown), ("outcome", Self.describe(arrival)))
        configuration.tap?(.command(text: text, outcome: Self.describe(arrival)))
        enqueue(due)
        if nextStateTick == nil, core.controller != nil, !core.model.poweredOff { nextStateTick = time.now }
        videoTick()
        scheduleTimer()
    }

    static func describe(_ arrival: Arrival) -> String {
        switch arrival {
        case .lost: return "lost (fault)"
        case .linkDown: return "dropped (link down)"
        case .forced(let reply): return "forced reply '\(reply)'"
        case .handled(let disposition): return "\(disposition)"
        }
    }

    func enqueue(_ messages: [Outgoing<SocketAddress>]) {
        for message in messages {
            configuration.tap?(.reply(text: message.text, binary: message.isBinary))
            outbox?.yield(Outbound(bytes: message.bytes, to: message.to, reply: message.text))
        }
    }

    /// Advances the core to now and queues whatever became due.
    func advanceAndFlush() {
        enqueue(core.advance(to: time.now))
    }

    /// Arms the timer for the next state tick, core deadline or video
    /// frame, whichever is first.
    func scheduleTimer() {
        guard outbox != nil else { return }
        timer.arm([nextStateTick, core.nextDeadline, nextVideoFrame].compactMap { $0 }.min())
    }

    func timerFired() {
        let now = time.now
        advanceAndFlush()
        if let tick = nextStateTick, now >= tick, let controller = core.controller {
            sendState(to: controller)
            let next = tick + configuration.stateInterval
            nextStateTick = next > now ? next : now + configuration.stateInterval
            if core.model.poweredOff {
                nextStateTick = nil
                logger.warning("drone switched itself off (overheated on the ground)")
            }
        }
        videoTick()
        scheduleTimer()
    }

    private func sendState(to controller: SocketAddress) {
        guard !core.model.poweredOff else { return }
        // The fault roll happens whether or not anyone watches, so a tap never changes which lines are lost.
        let through = core.stateGetsThrough()
        configuration.tap?(.state(line: through ? core.model.state.line : nil, truth: core.model.groundTruth))
        guard through else { return }
        outbox?.yield(Outbound(bytes: Array(core.model.state.line.utf8), to: controller.with(port: configuration.statePort), reply: nil))
    }

    /// The one sender: datagrams leave in the order they were queued.
    static func send(_ stream: AsyncStream<Outbound>, on socket: any DatagramEndpoint, logger: Logger) async {
        for await message in stream {
            do {
                try await socket.send(message.bytes, to: message.to)
                if let reply = message.reply { logger.info("reply sent", ("client", message.to), ("reply", reply)) }
            } catch let error as SocketError where error.isClosed {
                return
            } catch {
                logger.warning("send failed", ("client", message.to), ("error", String(describing: error)))
            }
        }
    }
}

/// One datagram waiting for the sender task; `reply` is set for replies (they are logged, state and video are not).
struct Outbound: Sendable {
    let bytes: [UInt8]
    let to: SocketAddress
    let reply: String?
}
