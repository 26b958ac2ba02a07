import Clocks
import Foundation
import JSONValue
import PostTransport
import Testing

@testable import Bridge3002

extension AnalysisEnvelope {
    static func make(_ key: String, _ analysis: JSONValue = ["success": true]) -> AnalysisEnvelope {
        AnalysisEnvelope(analysis: analysis, idempotencyKey: key, timestamp: Date(timeIntervalSince1970: 1_764_064_168.5))
    }
}

@Suite struct OutboxTests {
    @Test func sendsOneAtATimeInArrivalOrder() {
        var outbox = Outbox()
        _ = outbox.add(.make("a"))
        _ = outbox.add(.make("b"))
        guard case .send(let first) = outbox.nextAction(now: .zero) else { Issue.record("expected a send"); return }
        #expect(first.idempotencyKey == "a" && first.attempts == 1)
        #expect(outbox.nextAction(now: .zero) == .idle)
        outbox.complete("a", .delivered, now: .zero)
        guard case .send(let second) = outbox.nextAction(now: .zero) else { Issue.record("expected a send"); return }
        #expect(second.idempotencyKey == "b")
    }

    @Test func retriesWithExponentialBackoffCapped() {
        let backoff = Outbox.Backoff(initial: .milliseconds(500), maximum: .seconds(4))
        #expect((1...6).map { backoff.delay(afterAttempt: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
        var outbox = Outbox(backoff: backoff)
        _ = outbox.add(.make("a"))
        _ = outbox.nextAction(now: .seconds(10))
        outbox.complete("a", .retry, now: .seconds(10))
        #expect(outbox.nextAction(now: .seconds(10)) == .wait(until: .milliseconds(10_500)))
        guard case .send(let again) = outbox.nextAction(now: .milliseconds(10_500)) else { Issue.record("expected a resend"); return }
        #expect(again.idempotencyKey == "a" && again.attempts == 2)
        outbox.complete("a", .retry, now: .seconds(11))
        #expect(outbox.nextAction(now: .seconds(11)) == .wait(until: .seconds(12)))
    }

    @Test func deliveredDispositionRemovesTheEntryAndResetsTheBackoff() {
        var outbox = Outbox()
        _ = outbox.add(.make("a"))
        _ = outbox.add(.make("b"))
        _ = outbox.nextAction(now: .zero)
        outbox.complete("a", .retry, now: .zero)
        _ = outbox.nextAction(now: .seconds(1))
        outbox.complete("a", .delivered, now: .seconds(1))
        #expect(outbox.entries.map(\.idempotencyKey) == ["b"])
        guard case .send(let next) = outbox.nextAction(now: .seconds(1)) else { Issue.record("expected a send at once"); return }
        #expect(next.idempotencyKey == "b")
    }

    @Test func fullDropOldestEvictsTheOldestWaitingNotTheOneInFlight() {
        var outbox = Outbox(capacity: 2, policy: .dropOldest)
        _ = outbox.add(.make("a"))
        _ = outbox.add(.make("b"))
        _ = outbox.nextAction(now: .zero)  // "a" in flight
        #expect(outbox.add(.make("c"))?.idempotencyKey == "b")
        #expect(outbox.entries.map(\.idempotencyKey) == ["a", "c"])
    }

    @Test func fullDropNewestRefusesTheNewcomer() {
        var outbox = Outbox(capacity: 1, policy: .dropNewest)
        _ = outbox.add(.make("a"))
        #expect(outbox.add(.make("b"))?.idempotencyKey == "b")
        #expect(outbox.entries.map(\.idempotencyKey) == ["a"])
    }

    @Test func staleCompletionIsIgnored() {
        var outbox = Outbox()
        _ = outbox.add(.make("a"))
        outbox.complete("a", .delivered, now: .zero)  // not in flight: ignored
        #expect(outbox.count == 1)
    }

    @Test(arguments: [
        (PostOutcome.response(status: 200, body: Data()), PostOutcome.Disposition.delivered),
        (.response(status: 204, body: Data()), .delivered),
        (.response(status: 500, body: Data()), .retry),
        (.response(status: 503, body: Data()), .retry),
        (.response(status: 429, body: Data()), .retry),
        (.response(status: 408, body: Data()), .retry),
        (.response(status: 400, body: Data()), .retry),
        (.response(status: 401, body: Data()), .retry),
        (.response(status: 403, body: Data()), .retry),
        (.response(status: 404, body: Data()), .retry),
        (.response(status: 413, body: Data()), .retry),
        (.response(status: 422, body: Data()), .retry),
        (.response(status: 308, body: Data()), .retry),
        (.refused, .retry), (.timedOut, .retry), (.failed("reset"), .retry),
    ])
    func dispositionOfEachOutcome(_ outcome: PostOutcome, _ expected: PostOutcome.Disposition) {
        #expect(outcome.disposition == expected)
    }
}

@Suite struct EnvelopeAndEndpointTests {
    @Test func envelopeCarriesTypeDataTimestampAndKey() throws {
        let envelope = AnalysisEnvelope.make("k1", ["commands": []])
        #expect(envelope.body["type"] == "ai_analysis")
        #expect(envelope.body["data"] == ["commands": []])
        #expect(envelope.body["timestamp"] == "2025-11-25T09:49:28.500Z")
        #expect(envelope.body["idempotency_key"] == "k1")
        #expect(envelope.headers["Idempotency-Key"] == "k1")
        #expect(envelope.headers["Content-Type"] == "application/json")
        let roundTrip = try JSONDecoder().decode(AnalysisEnvelope.self, from: JSONEncoder().encode(envelope))
        #expect(roundTrip == envelope)
    }

    @Test(arguments: [
        (String?.none, [String: String](), "http://localhost:3002/api/ai-analysis"),
        (nil, ["BACKEND_3002_URL": "ws://10.0.0.5:3002"], "http://10.0.0.5:3002/api/ai-analysis"),
        (nil, ["BACKEND_3002_URL": "wss://backend.example/socket"], "https://backend.example/api/ai-analysis"),
        (nil, ["BACKEND_3002_URL": "http://127.0.0.1:4000/"], "http://127.0.0.1:4000/api/ai-analysis"),
        ("http://127.0.0.1:5555", ["BACKEND_3002_URL": "ws://10.0.0.5:3002"], "http://127.0.0.1:5555/api/ai-analysis"),
        ("http://h:1/prefix", [:], "http://h:1/prefix/api/ai-analysis"),
    ])
    func resolvesBackend(_ flag: String?, _ env: [String: String], _ expected: String) throws {
        #expect(try BackendEndpoint.resolve(flag: flag, environment: env).url.absoluteString == expected)
    }

    @Test(arguments: ["localhost:3002", "ftp://h/x", "", "http://"])
    func rejectsUnusableBackend(_ text: String) {
        #expect(throws: BackendEndpoint.Invalid.self) { try BackendEndpoint.resolve(flag: text, environment: [:]) }
    }
}
