import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import PostTransport

/// Delivers every AI analysis to the 3002 backend, off the caller's path.
///
/// `enqueue(analysis:)` only appends to the outbox and returns; one
/// delivery loop (`run()`, a child of its owner) POSTs the oldest analysis
/// with a hard deadline, logs the outcome as the original agent did, and retries with
/// backoff until the backend takes it. With `outboxPath` set, the outbox
/// survives a restart; the idempotency key travels with each analysis, so
/// a redelivery is always recognisable as one.
///
/// `@unchecked Sendable`: `outbox`, `drained` and `turns` are
/// only touched under `lock`; continuations are resumed outside it.
package final class Bridge3002Client: @unchecked Sendable {
    package let options: Bridge3002Options
    let transport: any HTTPPoster
    let time: any TimeSource
    let logger: Logger
    private let makeKey: @Sendable () -> String
    private let wallClock: @Sendable () -> Date
    private let file: OutboxFile?
    private let doorbell = Doorbell()
    private let lock = NSLock()
    private var outbox: Outbox
    /// Keyed so a cancelled `drained()` resumes exactly its own waiter.
    /// Opened (and replaced) each time the outbox empties.
    private var emptied = Latch()
    /// Turns of the delivery loop so far: each is a send, the end of a
    /// backoff or news from `enqueue`, so tests can check that it idles.
    private var turns = 0
    var loopTurns: Int { lock.withLock { turns } }

    /// Loads the persisted outbox, if any, and writes it back once (throws if
    /// that file is unreadable, better than overwriting undelivered analyses,
    /// or unwritable, better than failing on every analysis later). Without a
    /// `transport`, plain http endpoints use `WireHTTPPoster`, https ones `URLSessionPoster`.
    /// `makeKey` and `wallClock` are injectable so scenarios replay byte for byte.
    package init(
        options: Bridge3002Options, transport: (any HTTPPoster)? = nil, time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "bridge3002"),
        makeKey: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.options = options
        self.transport = transport ?? defaultPoster(for: options.endpoint.url, time: time)
        self.time = time
        self.logger = logger
        self.makeKey = makeKey
        self.wallClock = wallClock
        let log = logger
        file = options.outboxPath.map { path in
            OutboxFile(path: path) { log.error("could not write outbox file", ("path", path), ("error", $0)) }
        }
        let restored = try file?.load() ?? []
        outbox = Outbox(capacity: options.capacity, policy: options.fullPolicy, backoff: options.backoff, restoring: restored)
        outbox.plantedDropsFailedDelivery = options.plantedDropsFailedDelivery
        try file?.write(outbox.entries)
        if !restored.isEmpty {
            logger.info("restored undelivered analyses", ("count", outbox.count), ("path", options.outboxPath ?? ""))
        }
        if restored.count > options.capacity {
            logger.warning(
                "outbox file held more analyses than the capacity, oldest dropped", ("dropped", restored.count - options.capacity),
                ("capacity", options.capacity))
        }
    }

    /// Delivers until the calling task is cancelled, as a child of the
    /// caller (a service of the agent's group); then an in-flight POST is
    /// abandoned and stays queued, and the outbox file holds the final state
    /// before this returns.
    package func run() async {
        await deliveryLoop()
        await persistFinalState()
    }

    /// Queues one analysis for delivery and returns its idempotency key at once.
    /// Never waits for the network, the file or the delivery loop.
    @discardableResult
    package func enqueue(analysis: JSONValue) -> String {
        let envelope = AnalysisEnvelope(analysis: analysis, idempotencyKey: makeKey(), timestamp: wallClock())
        let (dropped, snapshot): (AnalysisEnvelope?, [AnalysisEnvelope]) = lock.withLock {
            let dropped = outbox.add(envelope)
            return (dropped, outbox.entries)
        }
        if let dropped {
            logger.warning(
                "outbox full, analysis dropped", ("analysis", dropped.idempotencyKey), ("policy", options.fullPolicy.rawValue),
                ("capacity", options.capacity))
        }
        file?.save(snapshot)
        doorbell.ring()
        return envelope.idempotencyKey
    }

    /// Analyses not yet delivered (including one in flight).
    package var pendingCount: Int { lock.withLock { outbox.count } }

    /// The most analyses the outbox holds (then its full policy drops one).
    package var capacity: Int { lock.withLock { outbox.capacity } }

    /// Returns once the outbox is empty and nothing is in flight, or when the
    /// calling task is cancelled (so a caller can bound the wait).
    package func drained() async {
        let latch: Latch? = lock.withLock { outbox.count == 0 && outbox.inFlight == nil ? nil : emptied }
        await latch?.wait()
    }

    private func persistFinalState() async {
        if let file {
            file.save(lock.withLock { outbox.entries })
            await file.flush()
        }
    }

    private func deliveryLoop() async {
        while !Task.isCancelled {
            doorbell.clear()
            let action = lock.withLock {
                turns += 1
                return outbox.nextAction(now: time.now)
            }
            switch action {
            case .send(let envelope):
                await deliver(envelope)
            case .wait(let until):
                await waitForDoorbell(orUntil: until)
            case .idle:
                await doorbell.wait()
            }
        }
    }

    /// Returns at a ring or at `deadline`, whichever comes first, as one
    /// structured wait: the sleep and the doorbell are children of the loop,
    /// and the loser is cancelled before this returns. A cancelled sleep does
    /// nothing (it never rings), so the wait leaves nothing behind that could
    /// wake the next turn for no reason.
    private func waitForDoorbell(orUntil deadline: Duration) async {
        await withTaskGroup(of: Void.self) { [time, doorbell] group in
            group.addTask { try? await time.sleep(until: deadline) }
            group.addTask { await doorbell.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    private func deliver(_ envelope: AnalysisEnvelope) async {
        let result = await attempt(envelope)
        let outcome = result.outcome
        if Task.isCancelled {
            logger.info("delivery interrupted by shutdown, analysis kept", ("analysis", envelope.idempotencyKey))
            lock.withLock { outbox.complete(envelope.idempotencyKey, .retry, now: time.now) }
            return
        }
        let (snapshot, drained, retryIn): ([AnalysisEnvelope], Latch?, Duration?) = lock.withLock {
            let now = time.now
            outbox.complete(envelope.idempotencyKey, outcome.disposition, now: result.backoffFrom)
            let retryIn = outbox.retryTime(now: now).map { $0 - now }
            guard outbox.count == 0 else { return (outbox.entries, nil, retryIn) }
            defer { emptied = Latch() }
            return (outbox.entries, emptied, retryIn)
        }
        DeliveryLog(logger: logger, endpoint: options.endpoint, deadline: options.deadline)
            .record(outcome, envelope: envelope, retryIn: retryIn)
        file?.save(snapshot)
        drained?.open()
    }
}
