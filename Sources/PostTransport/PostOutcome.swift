import Foundation

/// What one POST came to (to 3002, or to an LLM endpoint). Transports report the first three; the
/// client adds `timedOut` when its hard deadline wins the race.
public enum PostOutcome: Sendable, Equatable {
    /// The backend answered with this status and body.
    case response(status: Int, body: Data)
    /// Connection refused: the backend is not running (the seed's `httpx.ConnectError`).
    case refused
    /// Any other transport failure, described for the log.
    case failed(String)
    /// No answer before the hard deadline (the seed's `timeout=5.0`).
    case timedOut

    /// What the outbox does next with the analysis.
    public enum Disposition: Sendable, Equatable {
        case delivered
        /// Try again after backoff: refused, timed out, failed, 408, 429, 5xx.
        case retry
        /// The backend rejected it for good (any other status, e.g. 400, 413):
        /// resending the same bytes cannot succeed, so it is dropped with a warning.
        case drop
    }

    public var disposition: Disposition {
        switch self {
        case .response(let status, _):
            if (200..<300).contains(status) { return .delivered }
            if status == 408 || status == 429 || status >= 500 { return .retry }
            return .drop
        case .refused, .failed, .timedOut:
            return .retry
        }
    }
}

/// Sends one POST. Production uses `URLSessionPoster`; tests may pass any
/// implementation. A transport should stop when its task is cancelled, but
/// the client never depends on it: the deadline race abandons a stuck call.
public protocol HTTPPoster: Sendable {
    func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome
}
