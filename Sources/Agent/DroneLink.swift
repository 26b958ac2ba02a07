import Clocks
import Lifetimes
import Logs
import TelloSDK

/// What the link reports besides command outcomes.
package enum DroneLinkEvent: Sendable, Equatable {
    case state(TelloState)
    case linkLost(String)
    case linkRestored
}

/// The Tello client: `DroneLinkMachine` driven by real datagrams and an
/// injected clock. Callers `send` a command and get its outcome; the machine
/// decides when anything goes on the wire, so one command is in flight at a
/// time however many callers there are, and `emergency` overtakes them all.
package actor DroneLink {
    private var machine: DroneLinkMachine
    private let transport: any DroneTransport
    private let time: any TimeSource
    private let networkTime: any TimeSource
    private let logger: Logger
    private var waiting: [DroneLinkMachine.Ticket: CheckedContinuation<DroneLinkMachine.Outcome, Never>] = [:]
    private var early: [DroneLinkMachine.Ticket: DroneLinkMachine.Outcome] = [:]
    /// The machine's next flight deadline (reply timeouts, keepalive), on `time`.
    private let timer = DeadlineTimer()
    /// Its silence deadline, on `networkTime`.
    private let silenceTimer = DeadlineTimer()
    private var armedSilence: Duration?
    private var stopped = false
    private let outbox: AsyncStream<TelloCommand>.Continuation
    private let lines: AsyncStream<TelloCommand>
    private let eventSink: AsyncStream<DroneLinkEvent>.Continuation
    /// Link events (state lines, loss, recovery); one consumer.
    package nonisolated let events: AsyncStream<DroneLinkEvent>

    /// `time` runs the flight (reply timeouts, keepalive); `networkTime`
    /// (default: `time`) the silence limit, which stays in real seconds
    /// however fast a simulated flight runs.
    package init(transport: any DroneTransport, time: any TimeSource, networkTime: (any TimeSource)? = nil,
                logger: Logger, config: DroneLinkMachine.Config = .init()) {
        self.machine = DroneLinkMachine(config: config)
        self.transport = transport
        self.time = time
        self.networkTime = networkTime ?? time
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
        (lines, outbox) = AsyncStream.makeStream(of: TelloCommand.self)
    }

    /// The link's loops, as children of the caller, until it is cancelled:
    /// one writer (datagrams leave in the order the machine emitted them),
    /// the reply and state readers, and the two deadline timers. Then
    /// everything stops; waiting callers get `.notSent`.
    package func run() async {
        guard !stopped else { return }
        await withTaskGroup(of: Void.self) { [transport, logger, lines, time, networkTime] group in
            group.addTask {
                for await command in lines {
                    do { try await transport.send(command) } catch {
                        logger.warning("command not sent", ("command", command), ("error", "\(error)"))
                    }
                }
            }
            // The waits are not on the actor, only the hand-over is.
            group.addTask {
                while let reply = try? await transport.receiveReply() { await self.received(reply) }
            }
            group.addTask {
                while let line = try? await transport.receiveState() { await self.receivedState(line) }
            }
            group.addTask { [timer] in await timer.run(on: time) { await self.fire() } }
            group.addTask { [silenceTimer] in await silenceTimer.run(on: networkTime) { await self.fireSilence() } }
            // Cancellation does not end the readers' socket waits or the writer's stream: closing them does.
            await withTaskCancellationHandler {
                await Latch().wait()
            } onCancel: { [transport, outbox] in
                transport.close()
                outbox.finish()
            }
            group.cancelAll()
        }
        finish()
    }

    /// Sends `command` when its turn comes and returns its outcome. Never throws:
    /// a lost reply is `.timedOut`, a lost link `.notSent`.
    package func send(_ command: DroneCommand) async -> DroneLinkMachine.Outcome {
        guard !stopped else { return .notSent }
        let (ticket, actions) = machine.submit(command, now: time.now)
        perform(actions)
        if let outcome = early.removeValue(forKey: ticket) { return outcome }
        return await withCheckedContinuation { continuation in
            waiting[ticket] = continuation
        }
    }

    /// On once SDK mode is entered: keepalive keeps the drone from
    /// auto-landing while the agent is idle, and a drone that stops answering
    /// (it restarted and left SDK mode) is sent `command` again.
    package func holdSDKMode(_ held: Bool) {
        machine.holdsSDKMode = held
        rearm()
    }

    /// The first keepalive asks `sdk?`; its answer picks the keepalive from then on
    /// (`keepalive` on SDK 3.0, `battery?` otherwise). Costs no round trip of its own.
    package func chooseKeepaliveBySDKVersion() {
        machine.keepaliveCommand = .sdkVersion
        rearm()
    }

    package var linkUp: Bool { machine.linkUp }

    /// Commands submitted and not yet answered (the one on the wire and those queued behind it).
    package var commandsWaiting: Int { waiting.count }

    private func finish() {
        guard !stopped else { return }
        stopped = true
        timer.arm(nil)
        silenceTimer.arm(nil)
        transport.close()
        outbox.finish()
        eventSink.finish()
        for (_, continuation) in waiting { continuation.resume(returning: .notSent) }
        waiting.removeAll()
    }

    // MARK: - Events into the machine

    private func received(_ reply: String) {
        logger.debug("reply", ("text", reply))
        perform(machine.received(reply, now: time.now, network: networkTime.now))
    }

    private func receivedState(_ line: String) {
        perform(machine.heardState(now: time.now, network: networkTime.now))
        do {
            eventSink.yield(.state(try TelloState(line: line)))
        } catch {
            logger.debug("state line not understood", ("error", "\(error)"), ("line", line))
        }
    }

    private func fire() {
        perform(machine.tick(now: time.now, network: networkTime.now))
    }

    private func fireSilence() {
        armedSilence = nil
        perform(machine.tick(now: time.now, network: networkTime.now))
    }

    private func perform(_ actions: [DroneLinkMachine.Action]) {
        for action in actions {
            switch action {
            case .transmit(let command):
                logger.debug("send", ("command", command))
                outbox.yield(command)
            case .complete(let ticket, let outcome):
                if let continuation = waiting.removeValue(forKey: ticket) {
                    continuation.resume(returning: outcome)
                } else {
                    early[ticket] = outcome
                }
            case .discard(let text, let reason):
                logger.info("reply discarded", ("reply", text), ("reason", reason.rawValue))
            case .keepaliveAnswered(let reply):
                logger.trace("keepalive answered", ("reply", reply.text))
            case .linkLost(let why):
                logger.warning("drone link lost", ("reason", why))
                eventSink.yield(.linkLost(why))
            case .linkRestored:
                logger.info("drone link restored")
                eventSink.yield(.linkRestored)
            }
        }
        rearm()
    }

    /// Arms the flight timer for the machine's next deadline, and the silence
    /// timer for its silence deadline on the network clock.
    private func rearm() {
        guard !stopped else { return }
        timer.arm(machine.nextDeadline)
        // Every state line moves the silence deadline later: the armed timer
        // is left to ring and re-arms then, rather than re-armed 10 times a second.
        if let silence = machine.silenceDeadline, armedSilence.map({ silence < $0 }) ?? true {
            armedSilence = silence
            silenceTimer.arm(silence)
        }
    }
}
