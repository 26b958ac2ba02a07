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

/// An attempt that passes its deadline may still land: the backend may have
/// the analysis and be answering. The client lets it finish for as long as
/// the retry would wait anyway, takes a late answer, and never sends the
/// same analysis again while the first POST is still open.
@Suite struct LateAnswerTests {
    @Test func anAnswerJustAfterTheDeadlineCountsAndNothingIsSentTwice() async throws {
        let rig = try Backend3002MockTests.Rig()
        try await rig.delivering {
            rig.mock.script([.delayed(.milliseconds(5200), status: 200, body: #"{"success":true}"#)])
            let key = rig.client.enqueue(analysis: ["n": 1])
            try await eventually("the request and the client's deadline") { rig.mock.requests.count == 1 && rig.time.nextDeadline == .seconds(5) }
            rig.time.advance(to: .seconds(5))
            try await eventually("the mock's answer next, then the retry") {
                rig.time.nextDeadline == .milliseconds(5200) && rig.time.sleeperCount == 2
            }
            rig.time.advance(to: .milliseconds(5200))
            try await eventually("the late answer taken") { rig.client.pendingCount == 0 }
            rig.time.advance(to: .milliseconds(5500))  // when a retry would have gone out
            await rig.client.drained()
            #expect(rig.mock.requests.map(\.idempotencyKey) == [key])
            try await eventually("the late delivery logged as the first attempt's") {
                rig.sink.records.contains { $0.message == "analysis delivered to 3002" && $0[field: "attempt"] == "1" }
            }
        }
        await rig.stop()
    }

    @Test func anAttemptStillOpenAtRetryTimeIsClosedBeforeTheRetry() async throws {
        let time = VirtualTime()
        let probe = OverlapProbe(time: time)
        let client = try Bridge3002Client.make(transport: probe, time: time)
        try await withRunning({ await client.run() }) {
            client.enqueue(analysis: ["n": 1])
            try await eventually("the first POST and its deadline") { probe.started == 1 && time.nextDeadline == .seconds(5) }
            time.advance(to: .seconds(5))
            try await eventually("the wait for a late answer") { time.nextDeadline == .milliseconds(5500) }
            #expect(probe.started == 1)
            time.advance(to: .milliseconds(5500))
            try await eventually("the retry") { probe.started == 2 }
            #expect(probe.mostAtOnce == 1)
        }
    }
}

/// A transport whose POSTs never answer and end only when cancelled; it
/// records how many were open at once.
final class OverlapProbe: HTTPPoster, @unchecked Sendable {
    // @unchecked Sendable: the counters are only touched under `lock`.
    private let lock = NSLock()
    private let time: any TimeSource
    private var open = 0
    private var most = 0
    private var count = 0

    init(time: any TimeSource) { self.time = time }

    var started: Int { lock.withLock { count } }
    var mostAtOnce: Int { lock.withLock { most } }

    func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome {
        lock.withLock {
            count += 1
            open += 1
            most = max(most, open)
        }
        defer { lock.withLock { open -= 1 } }
        while (try? await time.sleep(for: .seconds(3600))) != nil {}
        return .failed("cancelled")
    }
}
