import Foundation
import JSONValue

/// One analysis as it travels to 3002, built once when it is enqueued so
/// every retry sends the same bytes: `{"type":"ai_analysis","data":…,
/// "timestamp":"<ISO 8601>","idempotency_key":"…"}` (the original agent's body plus
/// the key, which also goes in the `Idempotency-Key` header, so a backend
/// can recognise a retried delivery and act on it once).
package struct AnalysisEnvelope: Sendable, Equatable, Codable {
    package let idempotencyKey: String
    package let body: JSONValue
    /// Delivery attempts so far, kept across restarts so backoff resumes where it was.
    package var attempts: Int

    package init(analysis: JSONValue, idempotencyKey: String, timestamp: Date) {
        self.idempotencyKey = idempotencyKey
        self.body = [
            "type": "ai_analysis",
            "data": analysis,
            "timestamp": .string(Self.iso8601(timestamp)),
            "idempotency_key": .string(idempotencyKey),
        ]
        self.attempts = 0
    }

    /// `2026-11-25T10:09:28.123Z`: ISO 8601 in UTC with milliseconds.
    /// (The original sent Python's naive `isoformat()`; a zone makes it unambiguous.)
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    package var headers: [String: String] {
        ["Content-Type": "application/json", "Idempotency-Key": idempotencyKey]
    }

    enum CodingKeys: String, CodingKey {
        case idempotencyKey = "idempotency_key", body, attempts
    }
}
