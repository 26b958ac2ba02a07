import Clocks
import Logs

/// Runs a program's long-lived parts as children of one task group, and ends
/// them in order: a stop request (a signal) or any part ending on its own
/// starts the graceful phase, in which each part, last started first, is
/// asked to `shutdown` and awaited; what is still running when the grace
/// period is over is cancelled, and awaited too. No part outlives `run`.
///
/// Reverse order because later parts use earlier ones: the agent lands the
/// drone and says goodbye to its clients while the drone link and the
/// simulator it flies through are still there.
package struct ServiceGroup: Sendable {
    /// How the group ended.
    package struct Report: Sendable {
        /// What started the graceful phase: a signal's name, or "NAME ended".
        package var trigger = ""
        /// Parts that were still running when the grace period was over (cancelled).
        package var overran: [String] = []
        /// Parts that threw, with the error.
        package var failures: [(service: String, error: any Error)] = []
        /// Every part ended on its own within the grace period, none failed.
        package var isClean: Bool { overran.isEmpty && failures.isEmpty }
    }

    private let services: [any Service]
    private let gracePeriod: Duration
    private let time: any TimeSource
    private let logger: Logger

    /// `services` in start order; `gracePeriod` on `time` bounds the graceful phase.
    package init(_ services: [any Service], gracePeriod: Duration, time: any TimeSource, logger: Logger) {
        self.services = services
        self.gracePeriod = gracePeriod
        self.time = time
        self.logger = logger
    }

    private enum Event: Sendable {
        case ended(Int, (any Error)?)
        case stopRequested(String)
        case stopStreamFinished
        case graceOver
    }

    /// Runs every service until `stop` yields (a signal's name) or one ends,
    /// then ends them all as described above.
    package func run(until stop: AsyncStream<String>) async -> Report {
        await withTaskGroup(of: Event.self) { group in
            for (index, service) in services.enumerated() {
                group.addTask {
                    do {
                        try await service.run()
                        return .ended(index, nil)
                    } catch {
                        return .ended(index, error)
                    }
                }
            }
            group.addTask {
                for await name in stop { return .stopRequested(name) }
                return .stopStreamFinished
            }
            var phase = Phase(count: services.count)
            var report = Report()
            while phase.running > 0, let event = await group.next() {
                switch event {
                case .ended(let index, let error):
                    phase.ended(index)
                    if let error, !(error is CancellationError && phase.cancelled) {
                        logger.error("service failed", ("service", services[index].name), ("error", "\(error)"))
                        report.failures.append((services[index].name, error))
                    } else {
                        logger.debug("service ended", ("service", services[index].name))
                    }
                    if !phase.stopping { begin("\(services[index].name) ended", &phase, &report, &group) }
                case .stopRequested(let name):
                    if !phase.stopping { begin(name, &phase, &report, &group) }
                case .stopStreamFinished:
                    break
                case .graceOver:
                    guard phase.running > 0 else { break }
                    report.overran = phase.unfinished.map { services[$0].name }
                    logger.warning("grace period over: cancelling", ("services", report.overran.joined(separator: ",")),
                                   ("grace", gracePeriod))
                    phase.cancelled = true
                    group.cancelAll()
                }
                if phase.stopping, !phase.cancelled { shutDownNext(&phase) }
            }
            // The stop listener and the grace timer are all that is left.
            group.cancelAll()
            return report
        }
    }

    private func begin(_ trigger: String, _ phase: inout Phase, _ report: inout Report, _ group: inout TaskGroup<Event>) {
        logger.info("shutting down", ("trigger", trigger), ("grace", gracePeriod))
        report.trigger = trigger
        phase.stopping = true
        let deadline = time.now + gracePeriod
        group.addTask { [time] in
            try? await time.sleep(until: deadline)
            return .graceOver
        }
    }

    /// Asks the last-started service still running to shut down, once the
    /// one asked before it has ended.
    private func shutDownNext(_ phase: inout Phase) {
        if let asked = phase.asked, phase.isRunning(asked) { return }
        guard let next = phase.unfinished.last else { return }
        phase.asked = next
        logger.debug("service asked to shut down", ("service", services[next].name))
        services[next].shutdown()
    }
}

/// Which services are still running and where the graceful phase stands.
private struct Phase {
    private var finished: [Bool]
    var stopping = false
    var cancelled = false
    var asked: Int?

    init(count: Int) { finished = Array(repeating: false, count: count) }

    var running: Int { finished.filter { !$0 }.count }
    var unfinished: [Int] { finished.indices.filter { !finished[$0] } }
    func isRunning(_ index: Int) -> Bool { !finished[index] }
    mutating func ended(_ index: Int) { finished[index] = true }
}
