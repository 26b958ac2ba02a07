import Foundation
import JSONValue

/// One decoded client message: `{"type": "<type>", "data": {...}, "id": ...}`.
///
/// docs/protocol.md: `data` may be missing and is then `{}`; `id` is a
/// compatible addition, echoed in every response to the request. Decoding is
/// a pure function of the frame text, so every malformed shape is testable
/// without a socket.
package struct AgentRequest: Sendable, Equatable {
    package var type: String
    package var data: [String: JSONValue]
    /// Any JSON scalar the client chose; echoed verbatim.
    package var id: JSONValue?

    package init(type: String, data: [String: JSONValue] = [:], id: JSONValue? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }

    /// Why a frame is not a request; each maps to one `error` message text.
    package enum DecodeError: Error, Sendable, Equatable {
        /// Not JSON at all: the original's exact "无效的JSON格式" reply.
        case invalidJSON
        /// JSON, but an array, string, number...
        case notAnObject
        /// `type` missing, empty or not a string.
        case missingType
        /// `data` present but not an object (and not null).
        case dataNotObject
        /// `id` longer than `maximumIDLength`: refused rather than echoed.
        case idTooLong

        package var text: AgentText {
            switch self {
            case .invalidJSON: .invalidJSON
            case .notAnObject: .notAnObject
            case .missingType: .missingType
            case .dataNotObject: .dataNotObject
            case .idTooLong: .idTooLong(AgentRequest.maximumIDLength)
            }
        }
    }

    /// Unicode scalars of a string id, or characters of a number id, at most.
    /// An id is for matching a reply to its request; a longer one would make
    /// every reply to it that much larger, so it is refused, not echoed.
    package static let maximumIDLength = Echo.limit

    /// Decodes one text frame.
    ///
    /// The id is echoed exactly as written: a number id keeps its text
    /// (`9007199254740993`, `1.0` and `-0` come back as sent, not as a
    /// Double would print them). It is kept even when the rest is malformed,
    /// and even when the frame is not strictly JSON because of something
    /// elsewhere in it (a number beyond a Double's range, a lone surrogate
    /// escape), so the error reply can still be matched by the client.
    /// A key given twice keeps its last value, as in the original (Python's `json`).
    package static func decode(_ text: String) -> (result: Result<AgentRequest, DecodeError>, id: JSONValue?) {
        let value: JSONValue
        do {
            value = try JSONValue.parsingKeepingTopLevelNumbers(text)
        } catch {
            let readable = try? JSONValue.parsingKeepingTopLevelNumbers(text, lenient: true)
            return (.failure(.invalidJSON), readable?["id"].flatMap(Self.echoableID))
        }
        guard case .object(let fields) = value else { return (.failure(.notAnObject), nil) }
        if let raw = fields["id"], echoableID(raw) == nil, isScalar(raw) { return (.failure(.idTooLong), nil) }
        let id = fields["id"].flatMap(Self.echoableID)
        guard case .string(let type)? = fields["type"], !type.isEmpty else { return (.failure(.missingType), id) }
        let data: [String: JSONValue]
        switch fields["data"] {
        case nil, .null?: data = [:]
        case .object(let object)?: data = object
        default: return (.failure(.dataNotObject), id)
        }
        return (.success(AgentRequest(type: type, data: data, id: id)), id)
    }

    /// Only short scalars are echoed: an object or array `id` is ignored, and
    /// an overlong one refused, rather than reflected back at unbounded size.
    private static func echoableID(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .bool: value
        case .string(let text) where text.unicodeScalars.count <= maximumIDLength: value
        case .verbatimNumber(let text) where text.utf8.count <= maximumIDLength: value
        default: nil
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .string, .verbatimNumber, .number, .bool: true
        default: false
        }
    }
}
