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

@Suite struct Bridge3002ClientTests {
    @Test func deliversWithKeyInHeaderAndBodyAndLogsTheResult() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink)
        try await withRunning({ await client.run() }) {
            let key = client.enqueue(analysis: ["success": true, "commands": []])
            await client.drained()
            let call = try #require(poster.calls.first)
            #expect(poster.calls.count == 1)
            #expect(call.url.absoluteString == "http://127.0.0.1:9/api/ai-analysis")
            #expect(call.headers["Idempotency-Key"] == key)
            #expect(call.body["idempotency_key"] == .string(key))
            #expect(call.body["type"] == "ai_analysis" && call.body["data"] == ["success": true, "commands": []])
            let line = try #require(sink.records.first { $0.message == "analysis delivered to 3002" })
            #expect(line.level == .info && line[field: "status"] == "200" && line[field: "result"] == #"{"ok":true}"#)
        }
    }

    @Test func serverErrorIsRetriedAfterBackoffWithTheSameKey() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.outcome(.response(status: 500, body: Data("boom".utf8)))], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            try await eventually("the backoff sleep") { time.nextDeadline == .milliseconds(500) }
            #expect(sink.records.contains { $0.level == .warning && $0[field: "status"] == "500" })
            time.advance(to: .milliseconds(500))
            await client.drained()
            #expect(poster.calls.map { $0.headers["Idempotency-Key"] } == ["k1", "k1"])
        }
    }

    @Test func refusedIsDebugBackendNotRunningAndKept() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.outcome(.refused), .outcome(.refused)], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            // A wake-up may replace the backoff timer at any moment, so time is
            // advanced to the expected instants rather than to "the next deadline".
            try await eventually("the first backoff") { time.nextDeadline == .milliseconds(500) }
            time.advance(to: .milliseconds(500))
            try await eventually("the second backoff, 0.5 s then 1 s more") { poster.calls.count == 2 && time.nextDeadline == .milliseconds(1500) }
            #expect(client.pendingCount == 1)
            let refusals = sink.records.filter { $0.message.contains("backend not running") }
            #expect(refusals.count == 2 && refusals.allSatisfy { $0.level == .debug })
            time.advance(to: .milliseconds(1500))
            await client.drained()
            #expect(poster.calls.count == 3)
        }
    }

    @Test func hangIsCutAtTheFiveSecondDeadline() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.hang], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            try await eventually("the deadline timer and the hang") { time.sleeperCount == 2 }
            #expect(time.nextDeadline == .seconds(5))
            time.advance(to: .seconds(5))
            // Past the deadline the POST may still answer: it is given the backoff's 0.5 s, then cut.
            try await eventually("the wait for a late answer") { time.nextDeadline == .milliseconds(5500) }
            #expect(poster.calls.count == 1)
            time.advance(to: .milliseconds(5500))
            try await eventually("the timeout to be logged") { sink.records.contains { $0.message == "3002 delivery timed out" } }
            #expect(sink.records.first { $0.message == "3002 delivery timed out" }?.level == .error)
            await client.drained()
            #expect(poster.calls.count == 2)
        }
    }

    @Test(arguments: [400, 401, 403, 404, 413, 422])
    func clientErrorKeepsTheAnalysisAndRetriesItUntilTheBackendTakesIt(_ status: Int) async throws {
        let time = VirtualTime()
        let rejected = PostOutcome.response(status: status, body: Data(#"{"error":"bad"}"#.utf8))
        let poster = ScriptedPoster([.outcome(rejected), .outcome(rejected)], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            client.enqueue(analysis: ["n": 2])
            try await eventually("the first backoff") { poster.calls.count == 1 && time.nextDeadline == .milliseconds(500) }
            let line = try #require(sink.records.first { $0.message == "3002 rejected the analysis, kept, will retry" })
            #expect(line.level == .warning && line[field: "status"] == "\(status)" && line[field: "result"] == #"{"error":"bad"}"#)
            #expect(line[field: "retry_in_ms"] == "500" && client.pendingCount == 2)
            time.advance(to: .milliseconds(500))
            try await eventually("the second backoff") { poster.calls.count == 2 && time.nextDeadline == .milliseconds(1500) }
            time.advance(to: .milliseconds(1500))  // the backend is fixed: it takes both, in order, once each
            await client.drained()
            #expect(poster.calls.map { $0.headers["Idempotency-Key"] } == ["k1", "k1", "k1", "k2"])
            #expect(Set(poster.calls.filter { $0.headers["Idempotency-Key"] == "k1" }.map(\.body)).count == 1)
        }
    }

    @Test func enqueueReturnsAtOnceWhileTheBackendHangs() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.hang], time: time)
        let client = try Bridge3002Client.make(transport: poster, time: time)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 0])
            try await eventually("the hanging POST") { poster.calls.count == 1 }
            for n in 1...100 { client.enqueue(analysis: ["n": .number(Double(n))]) }
            #expect(client.pendingCount == 101)
        }
    }

    @Test func drainedReturnsWhenItsTaskIsCancelled() async throws {
        let time = VirtualTime()
        let client = try Bridge3002Client.make(transport: ScriptedPoster([.hang], time: time), time: time)
        await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            let waiter = Task { await client.drained() }
            waiter.cancel()
            await waiter.value  // returns although the analysis is still pending
            #expect(client.pendingCount == 1)
        }
    }

    @Test func fullOutboxDropsTheOldestWaitingAndSaysSo() async throws {
        let time = VirtualTime()
        let poster = ScriptedPoster([.hang], time: time)
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: poster, time: time, sink: sink, capacity: 2)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            try await eventually("the hanging POST") { poster.calls.count == 1 }
            client.enqueue(analysis: ["n": 2])
            client.enqueue(analysis: ["n": 3])
            let line = try #require(sink.records.first { $0.message == "outbox full, analysis dropped" })
            #expect(line.level == .warning && line[field: "analysis"] == "k2" && line[field: "policy"] == "drop-oldest")
            #expect(client.pendingCount == 2)
        }
    }
}
