import Bridge3002Mocks
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import PostTransport
import TestSupport
import Testing

@testable import Bridge3002

/// The client against the mock over real loopback sockets, one test per
/// mock behaviour. Client deadlines, backoff and mock delays all run on one
/// `VirtualTime`, so "slow past 5 s" takes no wall time.
@Suite struct Backend3002MockTests {
    struct Rig {
        let time = VirtualTime()
        let sink = MemorySink()
        let mock: Backend3002Mock
        let client: Bridge3002Client

        init(outboxPath: String? = nil, keys: KeyCounter = KeyCounter(), mock existing: Backend3002Mock? = nil) throws {
            mock = try existing ?? Backend3002Mock(time: time)
            let options = Bridge3002Options(endpoint: try BackendEndpoint.resolve(flag: mock.baseURL, environment: [:]), outboxPath: outboxPath)
            client = try Bridge3002Client(
                options: options, transport: WireHTTPPoster(), time: time,
                logger: Logger(component: "bridge3002", minimumLevel: .trace, sink: sink), makeKey: { keys.make() })
        }

        /// Delivers while `body` runs; the loop has ended (its outbox file
        /// written) when this returns.
        func delivering<T>(_ body: () async throws -> T) async rethrows -> T {
            try await withRunning({ [client] in await client.run() }, body)
        }

        func stop() async { await mock.shutdown() }
    }

    @Test func acceptedDeliveryIsLoggedWithTheBackendsResult() async throws {
        let rig = try Rig()
        try await rig.delivering {
            let key = rig.client.enqueue(analysis: ["success": true])
            await rig.client.drained()
            #expect(rig.mock.acceptedKeys == [key])
            let request = try #require(rig.mock.requests.first)
            #expect(request.method == "POST" && request.path == "/api/ai-analysis")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.body["type"] == "ai_analysis" && request.body["data"] == ["success": true] && request.body["idempotency_key"] == .string(key))
            let line = try #require(rig.sink.records.first { $0.message == "analysis delivered to 3002" })
            #expect(line.level == .info && line[field: "result"] == #"{"message":"analysis received","success":true}"#)
        }
        await rig.stop()
    }

    @Test func status500IsRetriedWithTheSameKey() async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.respond(status: 500, body: "oops")])
            rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the backoff after 500") { rig.time.nextDeadline == .milliseconds(500) }
            #expect(rig.sink.records.contains { $0.level == .warning && $0[field: "status"] == "500" })
            rig.time.advance(to: .milliseconds(500))
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == ["k1", "k1"])
            #expect(rig.mock.acceptedKeys == ["k1"])
        }
        await rig.stop()
    }

    @Test func slowPastFiveSecondsTimesOutThenRetries() async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.delayed(.seconds(6), status: 200, body: "{}")])
            rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the slow request and the client deadline") { rig.mock.requests.count == 1 && rig.time.nextDeadline == .seconds(5) }
            rig.time.advance(to: .seconds(5))
            try await eventually("the wait for a late answer") { rig.time.nextDeadline == .milliseconds(5500) }
            rig.time.advance(to: .milliseconds(5500))
            try await eventually("the timeout") { rig.sink.records.contains { $0.message == "3002 delivery timed out" } }
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == ["k1", "k1"])
        }
        await rig.stop()
    }

    @Test func hangIsAbandonedAtTheDeadline() async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([.hang])
            rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the hanging request") { rig.mock.requests.count == 1 && rig.time.nextDeadline == .seconds(5) }
            rig.time.advance(to: .seconds(5))
            try await eventually("the backoff") { rig.time.nextDeadline == .milliseconds(5500) }
            rig.time.advance(to: .milliseconds(5500))
            await rig.client.drained()
            #expect(rig.mock.acceptedKeys == ["k1"])
        }
        await rig.stop()
    }

    @Test(arguments: [Backend3002Mock.Behaviour.close, .reset])
    func closeWithoutReplyIsAnErrorAndRetried(_ behaviour: Backend3002Mock.Behaviour) async throws {
        let rig = try Rig()
        try await rig.delivering {
            rig.mock.script([behaviour])
            rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the backoff") { rig.time.nextDeadline == .milliseconds(500) }
            #expect(rig.sink.records.contains { $0.message == "3002 delivery failed" && $0.level == .error })
            rig.time.advance(to: .milliseconds(500))
            await rig.client.drained()
            #expect(rig.mock.acceptedKeys == ["k1"])
        }
        await rig.stop()
    }

    @Test func downThenUpDeliversEverythingOnceInOrder() async throws {
        let rig = try Rig()
        try await rig.delivering {
            await rig.mock.goDown()
            let keys = (1...3).map { rig.client.enqueue(analysis: ["n": .number(Double($0))]) }
            try await eventually("a refused attempt") { rig.time.nextDeadline == .milliseconds(500) }
            let refused = try #require(rig.sink.records.first { $0.message.contains("backend not running") })
            #expect(refused.level == .debug)
            try rig.mock.goUp()
            rig.time.advance(to: .milliseconds(500))
            await rig.client.drained()
            #expect(rig.mock.acceptedKeys == keys)
            #expect(rig.mock.requests.map { $0.body["data"]?["n"] } == [1, 2, 3])
        }
        await rig.stop()
    }

    /// The mock's own closed connections linger on its port (it closed first,
    /// so they sit in FIN_WAIT or TIME_WAIT): going down must still keep the
    /// port, or another server can take it and answer the mock's clients.
    @Test func downHoldsItsPortWhileItsClosedConnectionsLinger() async throws {
        let mock = try Backend3002Mock(logger: Logger(component: "t", sink: MemorySink()))
        mock.script([.close])
        let closed = await WireHTTPPoster().post(to: URL(string: mock.baseURL + BackendEndpoint.path)!, headers: [:], body: Data("{}".utf8))
        if case .response = closed { Issue.record("the mock was to close without answering, but answered: \(closed)") }
        await mock.goDown()
        let intruder = try? Backend3002Mock(port: mock.port, logger: Logger(component: "intruder", sink: MemorySink()))
        #expect(intruder == nil, "another server bound the down mock's port")
        await intruder?.shutdown()
        try mock.goUp()
        let answered = await WireHTTPPoster().post(to: URL(string: mock.baseURL + BackendEndpoint.path)!, headers: [:], body: Data("{}".utf8))
        #expect(answered == .response(status: 200, body: Data(#"{"success":true,"message":"analysis received"}"#.utf8)))
        await mock.shutdown()
    }

    @Test func outageAndRestartWithOutboxLoseNothingAndDuplicateNothing() async throws {
        let path = temporaryPath("outbox.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let keys = KeyCounter()
        let first = try Rig(outboxPath: path, keys: keys)
        let enqueued = try await first.delivering {
            first.mock.script([.respond(status: 503, body: "")])
            var enqueued = [first.client.enqueue(analysis: ["n": 1])]
            try await eventually("the 503") { first.time.nextDeadline == .milliseconds(500) }
            await first.mock.goDown()
            enqueued += (2...4).map { first.client.enqueue(analysis: ["n": .number(Double($0))]) }
            first.time.advance(to: .milliseconds(500))
            try await eventually("a refused retry") { first.sink.records.contains { $0.message.contains("backend not running") } }
            return enqueued
        }

        try first.mock.goUp()
        let second = try Rig(outboxPath: path, keys: keys, mock: first.mock)
        await second.delivering {
            await second.client.drained()
            #expect(second.mock.acceptedKeys == enqueued)
            #expect(Set(second.mock.acceptedKeys).count == enqueued.count)
            // Every key seen more than once was the same analysis, byte for byte.
            let byKey = Dictionary(grouping: second.mock.requests.filter { $0.idempotencyKey != nil }, by: { $0.idempotencyKey! })
            for (_, requests) in byKey { #expect(Set(requests.map(\.bodyText)).count == 1) }
        }
        await second.stop()
    }

    @Test func otherPathsAre404AndRecorded() async throws {
        let mock = try Backend3002Mock()
        let outcome = await WireHTTPPoster().post(to: URL(string: mock.baseURL + "/elsewhere")!, headers: [:], body: Data())
        #expect(outcome == .response(status: 404, body: Data(#"{"error":"not found"}"#.utf8)))
        #expect(mock.requests.map(\.path) == ["/elsewhere"])
        await mock.shutdown()
    }
}
