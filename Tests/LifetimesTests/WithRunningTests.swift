import Lifetimes
import Synchronization
import TestSupport
import Testing

/// A part run for one scope is a child: it runs while the body does, and
/// has ended (cancelled and awaited) when the call returns or throws.
@Suite struct WithRunningTests {
    struct Boom: Error {}

    final class Trace: Sendable {
        let events = Mutex<[String]>([])
        func note(_ event: String) { events.withLock { $0.append(event) } }
        var all: [String] { events.withLock { $0 } }
    }

    static func loop(_ trace: Trace, started: Latch) -> @Sendable () async -> Void {
        {
            trace.note("part started")
            started.open()
            await Latch().wait()  // until cancelled
            trace.note("part ended")
        }
    }

    @Test func thePartHasEndedWhenTheBodyReturns() async throws {
        let trace = Trace(), started = Latch()
        // Bounded: a part left running would hold the call for ever.
        let value = try await within {
            await withRunning(Self.loop(trace, started: started)) {
                await started.wait()
                trace.note("body")
                return 7
            }
        }
        trace.note("after")
        #expect(value == 7)
        #expect(trace.all == ["part started", "body", "part ended", "after"])
    }

    @Test func andWhenItThrows() async throws {
        let trace = Trace(), started = Latch()
        await #expect(throws: Boom.self) {
            try await within {
                try await withRunning(Self.loop(trace, started: started)) {
                    await started.wait()
                    throw Boom()
                }
            }
        }
        #expect(trace.all == ["part started", "part ended"])
    }

    @Test func aWindDownServiceRunsItsWorkAndAwaitsItAfterTheWindDown() async throws {
        let trace = Trace()
        let stop = Latch()
        let service = WindDownService("worker", running: {
            trace.note("work started")
            await stop.wait()
            trace.note("work ended")
        }, windDown: {
            trace.note("wind down")
            stop.open()
        })
        try await within {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                try await eventually("the work to start") { trace.all == ["work started"] }
                service.shutdown()
                try await group.waitForAll()
            }
        }
        #expect(trace.all == ["work started", "wind down", "work ended"])
    }
}
