import Clocks
import Foundation
import PostTransport

extension Bridge3002Client {
    /// How one delivery attempt ended, and the instant its backoff runs from.
    struct AttemptResult {
        let outcome: PostOutcome
        let backoffFrom: Duration
    }

    /// POSTs `envelope` once, bounded by the hard deadline, and never leaves
    /// a POST of it open behind it.
    ///
    /// A POST past its deadline may still land: the backend may hold the
    /// analysis and be answering it. Cancelling it at once and retrying after
    /// the backoff would make the backend see it twice, and drop an answer
    /// that arrives a moment late. So the attempt keeps running through the
    /// time the retry would wait anyway (the backoff, counted from the
    /// deadline), and a late answer counts. Only then is it cancelled, and
    /// awaited (bounded, in case a transport ignores cancellation), so the
    /// retry never overlaps it. On shutdown it is cancelled and left at once.
    ///
    /// The POST is an unstructured task because the hard deadline must be
    /// able to stop waiting for a transport that ignores cancellation; it is
    /// owned here, cancelled and awaited before this returns.
    func attempt(_ envelope: AnalysisEnvelope) async -> AttemptResult {
        let body = envelope.body.encoded()
        let (url, transport, headers) = (options.endpoint.url, transport, envelope.headers)
        let post = Task(executorPreference: SimulationExecutor.current) { await transport.post(to: url, headers: headers, body: body) }
        if let outcome = await withHardDeadline(time.now + options.deadline, on: time, { await post.value }) {
            return AttemptResult(outcome: outcome, backoffFrom: time.now)
        }
        let timedOutAt = time.now
        guard !Task.isCancelled else {
            post.cancel()
            return AttemptResult(outcome: .timedOut, backoffFrom: timedOutAt)
        }
        let grace = options.backoff.delay(afterAttempt: envelope.attempts)
        if let late = await withHardDeadline(timedOutAt + grace, on: time, { await post.value }) {
            return AttemptResult(outcome: late, backoffFrom: time.now)
        }
        post.cancel()
        if Task.isCancelled { return AttemptResult(outcome: .timedOut, backoffFrom: timedOutAt) }
        if await withHardDeadline(time.now + options.deadline, on: time, { await post.value }) == nil, !Task.isCancelled {
            logger.warning(
                "3002 transport ignored cancellation; retrying although the abandoned POST may still land",
                ("analysis", envelope.idempotencyKey))
        }
        return AttemptResult(outcome: .timedOut, backoffFrom: timedOutAt)
    }
}
