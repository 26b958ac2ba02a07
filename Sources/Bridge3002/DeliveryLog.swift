import Clocks
import Foundation
import JSONValue
import Logs
import PostTransport

/// One log line per delivery attempt, at the levels the original agent chose
/// (the original agent's `_send_analysis_to_3002`):
/// 200 is info with the parsed result, connection refused is debug
/// ("backend not running": 3002 is optional), any other status is a warning
/// with the status and the backend's answer (a 4xx says the backend refused
/// this analysis, which is kept all the same), anything else an error.
struct DeliveryLog {
    let logger: Logger
    let endpoint: BackendEndpoint
    let deadline: Duration
    /// Longest result body quoted in a log line.
    static let resultLimit = 500

    func record(_ outcome: PostOutcome, envelope: AnalysisEnvelope, retryIn: Duration?) {
        let analysis: (String, any CustomStringConvertible) = ("analysis", envelope.idempotencyKey)
        let attempt: (String, any CustomStringConvertible) = ("attempt", envelope.attempts)
        let retry: (String, any CustomStringConvertible) = ("retry_in_ms", retryIn?.milliseconds ?? 0)
        switch (outcome, outcome.disposition) {
        case (.response(let status, let body), .delivered):
            logger.info("analysis delivered to 3002", analysis, ("status", status), attempt, ("result", Self.result(body)))
        case (.response(let status, let body), .retry) where (400..<500).contains(status) && status != 408 && status != 429:
            logger.warning(
                "3002 rejected the analysis, kept, will retry", analysis, ("status", status), attempt, retry,
                ("result", Self.result(body)))
        case (.response(let status, let body), .retry):
            logger.warning(
                "3002 answered a non-200 status, will retry", analysis, ("status", status), attempt, retry, ("result", Self.result(body)))
        case (.refused, _):
            logger.debug("3002 backend not running, analysis kept", analysis, ("url", endpoint), attempt, retry)
        case (.timedOut, _):
            logger.error("3002 delivery timed out", analysis, ("deadline_ms", deadline.milliseconds), attempt, retry)
        case (.failed(let reason), _):
            logger.error("3002 delivery failed", analysis, ("error", reason), attempt, retry)
        }
    }

    /// The backend's answer for the log: compact JSON if it parses, else the
    /// text, cut to `resultLimit` characters either way.
    static func result(_ body: Data) -> String {
        let text = (try? JSONValue(parsing: body).text) ?? String(decoding: body, as: UTF8.self)
        return text.count > resultLimit ? String(text.prefix(resultLimit)) + "…" : text
    }
}
