import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import PostTransport
import PostTransportMocks
import TestSupport
import Testing

@testable import Bridge3002

/// The delivery loop sleeps between retries: whatever arrives while it
/// backs off wakes it once, and it goes back to waiting out the same
/// backoff. Counted in sleeps and POSTs on virtual time, never in wall time.
@Suite struct DeliveryLoopIdleTests {
    @Test func anArrivalDuringBackoffWakesTheLoopOnceThenItWaitsAgain() async throws {
        let time = RecordingTime()
        let poster = ScriptedPoster([], then: .outcome(.refused), time: time.virtual)
        let client = try Bridge3002Client.make(transport: poster, time: time)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            try await eventually("the first refusal and its backoff") {
                poster.calls.count == 1 && time.virtual.nextDeadline == .milliseconds(500)
            }

            client.enqueue(analysis: ["n": 2])  // arrives while the loop backs off
            try await eventually("the loop back to waiting out the same backoff") {
                time.sleeps(until: .milliseconds(500)) >= 2 && time.virtual.sleeperCount == 1
            }
            time.virtual.advance(to: .milliseconds(500))
            try await eventually("the retry, refused, and the next backoff") {
                poster.calls.count == 2 && time.sleeps(until: .milliseconds(1500)) >= 1 && time.virtual.sleeperCount == 1
            }

            // One wait before the arrival, one after it, one after the retry: a
            // loop that spins sleeps (and wakes) thousands of times here.
            #expect(time.sleeps(until: .milliseconds(500)) == 2)
            #expect(time.sleeps(until: .milliseconds(1500)) == 1)
            #expect(poster.calls.map { $0.headers["Idempotency-Key"] } == ["k1", "k1"])
            #expect(client.pendingCount == 2)
        }
    }

    @Test func manyArrivalsDuringBackoffNeverSendBeforeItEnds() async throws {
        let time = RecordingTime()
        let poster = ScriptedPoster([.outcome(.refused)], time: time.virtual)
        let client = try Bridge3002Client.make(transport: poster, time: time)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 0])
            try await eventually("the refusal and its backoff") { poster.calls.count == 1 && time.virtual.nextDeadline == .milliseconds(500) }
            for n in 1...20 {
                client.enqueue(analysis: ["n": .number(Double(n))])
                try await eventually("the loop back to its backoff after arrival \(n)") {
                    time.sleeps(until: .milliseconds(500)) >= n + 1 && time.virtual.sleeperCount == 1
                }
            }
            #expect(time.sleeps(until: .milliseconds(500)) == 21)
            #expect(poster.calls.count == 1)
            time.virtual.advance(to: .milliseconds(500))
            await client.drained()
            #expect(poster.calls.compactMap { $0.headers["Idempotency-Key"] } == ["k1"] + (1...21).map { "k\($0)" })
        }
    }
}

@Suite struct DoorbellTests {
    @Test func aRingWithNobodyWaitingIsKeptForTheNextWait() async {
        let doorbell = Doorbell()
        doorbell.ring()
        #expect(doorbell.hasPendingRing)
        await doorbell.wait()
        #expect(!doorbell.hasPendingRing)
    }

    @Test func aCancelledWaitNeitherLeavesNorSwallowsARing() async throws {
        let doorbell = Doorbell()
        // Cancelled while parked: it returns, and no ring is left behind.
        let parked = Task { await doorbell.wait() }
        try await eventually("the waiter to park") { doorbell.hasWaiter }
        parked.cancel()
        await parked.value
        #expect(!doorbell.hasPendingRing && !doorbell.hasWaiter)
        // Cancelled before waiting: a ring already pending stays for the loop's next wait.
        doorbell.ring()
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await doorbell.wait()
        }
        await cancelled.value
        #expect(doorbell.hasPendingRing)
    }
}
