import Clocks
import Foundation
import Lifetimes
import Logs
import TestSupport
import Testing

@Suite struct ServiceGroupTests {
    private let logs = MemorySink()
    private var logger: Logger { Logger(component: "group", minimumLevel: .debug, sink: logs) }

    @Test func aSignalEndsTheServicesLastStartedFirstEachAfterThePreviousEnded() async throws {
        let journal = Journal()
        let parts = ["link", "bridge", "server"].map { Part($0, journal) }
        let time = VirtualTime()
        let (stop, signal) = AsyncStream<String>.makeStream()
        let group = ServiceGroup(parts, gracePeriod: .seconds(10), time: time, logger: logger)
        try await withTeardown({ signal.finish() }) {
            async let report = group.run(until: stop)
            try await until { journal.entries.filter { $0.hasSuffix("running") }.count == 3 }
            signal.yield("SIGTERM")
            let ended = await report
            #expect(ended.trigger == "SIGTERM")
            #expect(ended.isClean)
            #expect(journal.entries.filter { !$0.hasSuffix("running") } == [
                "server asked", "server done", "bridge asked", "bridge done", "link asked", "link done",
            ])
        }
    }

    @Test func theGracefulPhaseRunsOnTheInjectedClock() async throws {
        let journal = Journal()
        let time = VirtualTime()
        // Its goodbye takes 4 s of the group's clock (a landing, say): within a 10 s grace period.
        let slow = Part("server", journal, windDown: { try await time.sleep(for: .seconds(4)) })
        let (stop, signal) = AsyncStream<String>.makeStream()
        let group = ServiceGroup([Part("link", journal), slow], gracePeriod: .seconds(10), time: time, logger: logger)
        try await withTeardown({ signal.finish() }) {
            async let report = group.run(until: stop)
            try await until { journal.entries.filter { $0.hasSuffix("running") }.count == 2 }
            signal.yield("SIGINT")
            // The grace timer (10 s) and the goodbye (4 s) sleep; the link is not asked before the server ended.
            try await until { time.sleeperCount == 2 }
            #expect(!journal.entries.contains("link asked"))
            time.advance(by: .seconds(4))
            let ended = await report
            #expect(ended.isClean)
            #expect(journal.entries.suffix(3) == ["server done", "link asked", "link done"])
        }
    }

    @Test func whatOverrunsTheGracePeriodIsCancelledAndReported() async throws {
        let journal = Journal()
        let time = VirtualTime()
        let (stop, signal) = AsyncStream<String>.makeStream()
        let group = ServiceGroup([Part("link", journal), Part("server", journal, stubborn: true)],
                                 gracePeriod: .seconds(5), time: time, logger: logger)
        try await withTeardown({ signal.finish() }) {
            async let report = group.run(until: stop)
            try await until { journal.entries.filter { $0.hasSuffix("running") }.count == 2 }
            signal.yield("SIGTERM")
            try await until { time.sleeperCount == 1 && journal.entries.contains("server asked") }
            time.advance(by: .seconds(4))
            #expect(!journal.entries.contains("server cancelled"))
            time.advance(by: .seconds(1))
            let ended = await report
            #expect(ended.overran == ["link", "server"])
            #expect(!ended.isClean)
            #expect(Set(journal.entries.filter { $0.hasSuffix("cancelled") }) == ["link cancelled", "server cancelled"])
            #expect(logs.records.contains { $0.level == .warning && $0.message == "grace period over: cancelling" })
        }
    }

    @Test func aServiceThatFailsEndsTheOthersAndIsReported() async throws {
        struct Broken: Error {}
        let journal = Journal()
        let time = VirtualTime()
        let (stop, signal) = AsyncStream<String>.makeStream()
        let group = ServiceGroup([Part("link", journal), Part("bridge", journal, failure: Broken()), Part("server", journal)],
                                 gracePeriod: .seconds(5), time: time, logger: logger)
        try await withTeardown({ signal.finish() }) {
            let report = await group.run(until: stop)
            #expect(report.trigger == "bridge ended")
            #expect(report.failures.map(\.service) == ["bridge"])
            #expect(report.failures.first?.error is Broken)
            #expect(journal.entries.filter { $0.hasSuffix("asked") } == ["server asked", "link asked"])
        }
    }

    @Test func aLoopServiceIsCancelledWhenAsked() async throws {
        let time = VirtualTime()
        let ticks = Journal()
        let loop = LoopService("status") {
            while true {
                try await time.sleep(for: .seconds(1))
                ticks.add("tick")
            }
        }
        let (stop, signal) = AsyncStream<String>.makeStream()
        let group = ServiceGroup([loop], gracePeriod: .seconds(5), time: time, logger: logger)
        try await withTeardown({ signal.finish() }) {
            async let report = group.run(until: stop)
            try await until { time.sleeperCount == 1 }
            time.advance(by: .seconds(1))
            try await until { ticks.entries.count == 1 && time.sleeperCount == 1 }
            signal.yield("SIGTERM")
            let ended = await report
            #expect(ended.isClean)
            #expect(ticks.entries.count == 1)
        }
    }
}

/// A part that notes what happens to it; it ends when asked (after `windDown`),
/// never if `stubborn` (until cancelled), or fails at once with `failure`.
private struct Part: Service {
    let name: String
    let journal: Journal
    var stubborn = false
    var failure: (any Error)?
    var windDown: @Sendable () async throws -> Void = {}
    private let asked = Latch()

    init(_ name: String, _ journal: Journal, stubborn: Bool = false, failure: (any Error)? = nil,
         windDown: @escaping @Sendable () async throws -> Void = {}) {
        self.name = name
        self.journal = journal
        self.stubborn = stubborn
        self.failure = failure
        self.windDown = windDown
    }

    func run() async throws {
        if let failure { throw failure }
        journal.add("\(name) running")
        await asked.wait()
        guard !Task.isCancelled else {
            journal.add("\(name) cancelled")
            throw CancellationError()
        }
        try await windDown()
        journal.add("\(name) done")
    }

    func shutdown() {
        journal.add("\(name) asked")
        if !stubborn { asked.open() }
    }
}

/// `@unchecked Sendable`: `stored` is only touched under `lock`.
private final class Journal: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ entry: String) { lock.withLock { stored.append(entry) } }
    var entries: [String] { lock.withLock { stored } }
}
