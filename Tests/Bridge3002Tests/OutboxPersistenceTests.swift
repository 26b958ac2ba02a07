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

@Suite struct OutboxPersistenceTests {
    @Test func restartWithPersistedOutboxLosesNothing() async throws {
        let path = temporaryPath("outbox.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let keys = KeyCounter()

        let downTime = VirtualTime()
        let down = ScriptedPoster([], then: .outcome(.refused), time: downTime)
        let first = try Bridge3002Client.make(transport: down, time: downTime, outboxPath: path, keys: keys)
        let enqueued = try await withRunning({ await first.run() }) {
            let enqueued = (1...5).map { n in first.enqueue(analysis: ["n": .number(Double(n))]) }
            try await eventually("a refused attempt") { down.calls.count >= 1 }
            return enqueued
        }
        #expect(first.pendingCount == 5)

        let upTime = VirtualTime()
        let up = ScriptedPoster([], time: upTime)
        let sink = MemorySink()
        let second = try Bridge3002Client.make(transport: up, time: upTime, sink: sink, outboxPath: path, keys: keys)
        #expect(sink.records.contains { $0.message == "restored undelivered analyses" && $0[field: "count"] == "5" })
        await withRunning({ await second.run() }) {
            await second.drained()
        }

        let delivered = up.calls.compactMap { $0.headers["Idempotency-Key"] }
        #expect(delivered == enqueued)
        #expect(up.calls.map { $0.body["data"]?["n"] } == (1...5).map { .number(Double($0)) })
        // Whatever was attempted before the restart went out with the same key and the same bytes.
        for call in down.calls {
            let again = try #require(up.calls.first { $0.headers["Idempotency-Key"] == call.headers["Idempotency-Key"] })
            #expect(again.body == call.body)
        }
        #expect(try OutboxFile(path: path).load().isEmpty)
    }

    @Test func unreadableOutboxFileStopsStartupInsteadOfBeingOverwritten() throws {
        let path = temporaryPath("broken.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) {
            try Bridge3002Client.make(transport: ScriptedPoster([], time: VirtualTime()), time: VirtualTime(), outboxPath: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not json")
    }

    @Test func restoringMoreThanTheCapacityKeepsTheNewestAndSaysSo() async throws {
        let path = temporaryPath("overflow.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = OutboxFile(path: path)
        file.save((1...5).map { AnalysisEnvelope.make("old\($0)") })
        await file.flush()
        let sink = MemorySink()
        let client = try Bridge3002Client.make(transport: ScriptedPoster([], time: VirtualTime()), time: VirtualTime(), sink: sink, outboxPath: path, capacity: 3)
        #expect(client.pendingCount == 3)
        #expect(sink.records.contains { $0.level == .warning && $0[field: "dropped"] == "2" })
    }

    @Test func unwritableOutboxPathStopsStartup() {
        let path = temporaryPath("missing-dir") + "/outbox.json"
        #expect(throws: (any Error).self) {
            try Bridge3002Client.make(transport: ScriptedPoster([], time: VirtualTime()), time: VirtualTime(), outboxPath: path)
        }
    }

    @Test func fileIsReplacedWholeAndReadsBack() async throws {
        let path = temporaryPath("roundtrip.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = OutboxFile(path: path)
        let entries = [AnalysisEnvelope.make("a", ["x": "中文"]), .make("b")]
        file.save([.make("stale")])
        file.save(entries)
        await file.flush()
        #expect(try file.load() == entries)
    }
}
