import Foundation

/// What one POST came to (to 3002, or to an LLM endpoint). Transports report the first three; the
/// client adds `timedOut` when its hard deadline wins the race.
package enum PostOutcome: Sendable, Equatable {
    /// The backend answered with this status and body.
    case response(status: Int, body: Data)
    /// Connection refused: the backend is not running (the original agent's `httpx.ConnectError`).
    case refused
    /// Any other transport failure, described for the log.
    case failed(String)
    /// No answer before the hard deadline (the original agent's `timeout=5.0`).
    case timedOut

    /// What the outbox does next with the analysis.
    package enum Disposition: Sendable, Equatable {
        case delivered
        /// Keep it and try again after backoff: every answer but 2xx, and every failure.
        case retry
    }

    /// Only a 2xx ends a delivery. Any other status, 4xx included, is kept and
    /// retried: a proxy, a half-deployed or misconfigured backend answers 4xx
    /// to every analysis alike, and the same bytes go through once it is
    /// fixed; dropping them would lose a whole outage's analyses for good.
    package var disposition: Disposition {
        switch self {
        case .response(let status, _):
            return (200..<300).contains(status) ? .delivered : .retry
        case .refused, .failed, .timedOut:
            return .retry
        }
    }
}

/// Sends one POST. Production uses `URLSessionPoster`; tests may pass any
/// implementation. A transport should stop when its task is cancelled, but
/// the client never depends on it: the deadline race abandons a stuck call.
package protocol HTTPPoster: Sendable {
    func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome
}
