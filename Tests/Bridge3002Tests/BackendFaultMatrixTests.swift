import Bridge3002Mocks
import Clocks
import Foundation
import JSONValue
import Logs
import PostTransport
import TestSupport
import Testing

@testable import Bridge3002

/// Every way the 3002 backend fails, against the mock over loopback on
/// virtual time: whatever the fault, every analysis reaches the backend
/// once as accepted, in order, a repeated key always carries the same bytes,
/// and the delivery loop idles between retries (its turns are counted: at
/// most one per POST, one per backoff and one per arrival).
@Suite struct BackendFaultMatrixTests {
    typealias Rig = Backend3002MockTests.Rig

    /// Waits until the loop sleeps out the backoff ending at `instant` (its
    /// only sleep on the clock) after `requests` requests reached the mock.
    func backoff(_ rig: Rig, until instant: Duration, after requests: Int, _ what: String) async throws {
        try await eventually(what) {
            rig.mock.requests.count == requests && rig.time.nextDeadline == instant && rig.time.sleeperCount == 1
        }
    }

    /// Nothing lost, nothing accepted twice, same bytes per key, and a loop that idled.
    func expectDeliveredOnce(_ rig: Rig, _ keys: [String], posts: Int, arrivals: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rig.mock.acceptedKeys == keys, sourceLocation: sourceLocation)
        let byKey = Dictionary(grouping: rig.mock.requests, by: { $0.idempotencyKey ?? "" })
        for (key, requests) in byKey {
            #expect(Set(requests.map(\.bodyText)).count == 1, "\(key) was sent with different bytes", sourceLocation: sourceLocation)
        }
        #expect(rig.client.loopTurns <= 2 * posts + arrivals + 1, "the loop spun: \(rig.client.loopTurns) turns", sourceLocation: sourceLocation)
    }

    @Test func downThenUp() async throws {
        let rig = try Rig()
        try await rig.delivering {
            await rig.mock.goDown()
            let keys = (1...3).map { rig.client.enqueue(analysis: ["n": .number(Double($0))]) }
            try await backoff(rig, until: .milliseconds(500), after: 0, "the first refusal")
            rig.time.advance(to: .milliseconds(500))
            try await backoff(rig, until: .milliseconds(1500), after: 0, "the second refusal")
            rig.time.advance(to: .milliseconds(1500))
            try await backoff(rig, until: .milliseconds(3500), after: 0, "the third refusal")
            try rig.mock.goUp()
            rig.time.advance(to: .milliseconds(3500))
            await rig.client.drained()
            #expect(rig.mock.requests.count == 3)
            expectDeliveredOnce(rig, keys, posts: 6, arrivals: 3)
        }
        await rig.stop()
    }

    @Test(arguments: [500, 503, 400, 401, 403, 404, 413, 422])
    func statusThenAccepted(_ status: Int) async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.respond(status: status, body: #"{"error":"no"}"#), .respond(status: status, body: "")])
            let first = rig.client.enqueue(analysis: ["n": 1])
            try await backoff(rig, until: .milliseconds(500), after: 1, "the first \(status)")
            let second = rig.client.enqueue(analysis: ["n": 2])  // arrives during the backoff
            rig.time.advance(to: .milliseconds(500))
            try await backoff(rig, until: .milliseconds(1500), after: 2, "the second \(status)")
            rig.time.advance(to: .milliseconds(1500))
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == [first, first, first, second])
            expectDeliveredOnce(rig, [first, second], posts: 4, arrivals: 2)
        }
        await rig.stop()
    }

    @Test func hangIsCutAndRetriedOnce() async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.hang])
            let key = rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the hanging request and the deadline") { rig.mock.requests.count == 1 && rig.time.nextDeadline == .seconds(5) }
            rig.time.advance(to: .seconds(5))
            try await eventually("the wait for a late answer") { rig.time.nextDeadline == .milliseconds(5500) }
            let arrival = rig.client.enqueue(analysis: ["n": 2])  // arrives while the first hangs
            rig.time.advance(to: .milliseconds(5500))
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == [key, key, arrival])
            expectDeliveredOnce(rig, [key, arrival], posts: 3, arrivals: 2)
        }
        await rig.stop()
    }

    @Test func resetAndCloseWithoutReply() async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.reset, .close])
            let key = rig.client.enqueue(analysis: ["n": 1])
            try await backoff(rig, until: .milliseconds(500), after: 1, "the reset")
            rig.time.advance(to: .milliseconds(500))
            try await backoff(rig, until: .milliseconds(1500), after: 2, "the close")
            rig.time.advance(to: .milliseconds(1500))
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == [key, key, key])
            expectDeliveredOnce(rig, [key], posts: 3, arrivals: 1)
        }
        await rig.stop()
    }

    @Test func flapping() async throws {
        let rig = try Rig()
        try await rig.delivering {
            await rig.mock.goDown()
            var keys = [rig.client.enqueue(analysis: ["n": 1]), rig.client.enqueue(analysis: ["n": 2])]
            try await backoff(rig, until: .milliseconds(500), after: 0, "refused while down")
            try rig.mock.goUp()
            rig.mock.script([.respond(status: 503, body: "starting")])
            rig.time.advance(to: .milliseconds(500))
            try await backoff(rig, until: .milliseconds(1500), after: 1, "503 while starting")
            await rig.mock.goDown()
            keys.append(rig.client.enqueue(analysis: ["n": 3]))  // arrives while it is down again
            rig.time.advance(to: .milliseconds(1500))
            try await backoff(rig, until: .milliseconds(3500), after: 1, "refused again")
            try rig.mock.goUp()
            rig.time.advance(to: .milliseconds(3500))
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == [keys[0]] + keys)
            expectDeliveredOnce(rig, keys, posts: 6, arrivals: 3)
        }
        await rig.stop()
    }

    @Test func rejectedThenRestartWithOutboxDeliversEverythingOnce() async throws {
        let path = temporaryPath("outbox.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let keys = KeyCounter()
        let first = try Rig(outboxPath: path, keys: keys)
        let enqueued = try await first.delivering {
            first.mock.script([], then: .respond(status: 404, body: "no route yet"))
            let enqueued = [first.client.enqueue(analysis: ["n": 1]), first.client.enqueue(analysis: ["n": 2])]
            try await backoff(first, until: .milliseconds(500), after: 1, "the first 404")
            return enqueued
        }
        #expect(try OutboxFile(path: path).load().map(\.idempotencyKey) == enqueued)

        first.mock.script([], then: .accept)  // the backend is fixed
        let second = try Rig(outboxPath: path, keys: keys, mock: first.mock)
        await second.delivering {
            await second.client.drained()
            #expect(second.mock.requests.map(\.idempotencyKey) == [enqueued[0]] + enqueued)
            expectDeliveredOnce(second, enqueued, posts: 2, arrivals: 0)
        }
        #expect(try OutboxFile(path: path).load().isEmpty)
        await second.mock.shutdown()
    }
}
