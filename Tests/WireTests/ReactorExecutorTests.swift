import Foundation
@testable import Sockets
import TestSupport
import Testing

/// The reactor as a `TaskExecutor`: where its jobs run, in which order, and
/// that neither a sleeping reactor nor a busy one loses track of work.
@Suite struct ReactorExecutorTests {
    /// A job that arrives while the thread blocks in `epoll_wait` wakes it (a
    /// missing eventfd write would leave the job queued for ever), and runs on that thread.
    @Test func aJobWakesASleepingReactorAndRunsOnItsThread() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        try await eventually("the reactor asleep in epoll_wait") { reactor.lock.withLock { reactor.sleeping } }
        let thread = try #require(reactor.lock.withLock { reactor.thread })
        let ranThere = try await within {
            await withTaskExecutorPreference(reactor) { pthread_equal(pthread_self(), thread) != 0 }
        }
        #expect(ranThere)
    }

    @Test func jobsRunInTheOrderTheyCame() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let order = Recorded<Int>()
        try await within {
            await withDiscardingTaskGroup { group in
                for index in 0..<300 { group.addTask(executorPreference: reactor) { order.append(index) } }
            }
        }
        #expect(order.all == Array(0..<300))
    }

    /// `endOfTurn` waits for every ready job, and for the jobs those make ready.
    @Test func theTurnEndsAfterEveryReadyJob() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let events = Recorded<String>()
        try await within {
            await withTaskExecutorPreference(reactor) {
                await withDiscardingTaskGroup { group in
                    group.addTask {
                        for step in 0..<5 {
                            events.append("step \(step)")
                            await Task.yield()
                        }
                    }
                    await reactor.endOfTurn()
                    events.append("end of turn")
                }
            }
        }
        #expect(events.all == ["step 0", "step 1", "step 2", "step 3", "step 4", "end of turn"])
    }

    /// Tasks that keep waking each other get the thread only so many rounds
    /// per turn: the sockets are looked at in between, so a read still completes.
    @Test func tasksThatKeepWakingEachOtherDoNotStarveTheSockets() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (client, server, listener) = try await connectedPair(reactor: reactor)
        defer { client.close(); server.close(); listener.close() }
        let read = try await within {
            try await withTaskExecutorPreference(reactor) {
                try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                    group.addTask { try await server.read() }
                    try await eventually("the reader waiting for epoll") { reactor.waiterCount == 1 }
                    // Two tasks hand a baton back and forth: one of them is always ready to run.
                    let baton = Baton()
                    for _ in 0..<2 {
                        group.addTask {
                            while !Task.isCancelled { await baton.pass() }
                            // Cancelled, a pass hands the baton on without waiting: the other one ends too.
                            await baton.pass()
                            return nil
                        }
                    }
                    try await client.write([7])
                    while let result = try await group.next() {
                        guard let bytes = result else { continue }
                        group.cancelAll()
                        return bytes
                    }
                    return []
                }
            }
        }
        #expect(read == [7])
    }

    /// Once the thread is gone, a task that still prefers the reactor runs elsewhere rather than never.
    @Test func aJobAfterShutdownStillRuns() async throws {
        let reactor = try Reactor()
        reactor.shutdown()
        try await eventually("the reactor thread finished") { reactor.lock.withLock { reactor.threadFinished } }
        let ran = try await within { await withTaskExecutorPreference(reactor) { true } }
        #expect(ran)
    }
}

/// Passed between tasks: `pass` wakes the task that holds it and waits to get it back.
/// `@unchecked Sendable`: `waiting` is only touched under `lock`.
final class Baton: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Void, Never>?

    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let other: CheckedContinuation<Void, Never>? = lock.withLock {
                defer { waiting = Task.isCancelled ? nil : continuation }
                return waiting
            }
            other?.resume()
            if Task.isCancelled { continuation.resume() }
        }
    }
}

/// Values appended from any thread, in order.
/// `@unchecked Sendable`: `values` is only touched under `lock`.
final class Recorded<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value] = []
    func append(_ value: Value) { lock.withLock { values.append(value) } }
    var all: [Value] { lock.withLock { values } }
}
