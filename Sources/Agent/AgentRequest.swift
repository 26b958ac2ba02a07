import Foundation
import JSONValue

/// One decoded client message: `{"type": "<type>", "data": {...}, "id": ...}`.
///
/// agent-protocol.md: `data` may be missing and is then `{}`; `id` is a
/// compatible addition, echoed in every response to the request. Decoding is
/// a pure function of the frame text, so every malformed shape is testable
/// without a socket.
public struct AgentRequest: Sendable, Equatable {
    public var type: String
    public var data: [String: JSONValue]
    /// Any JSON scalar the client chose; echoed verbatim.
    public var id: JSONValue?

    public init(type: String, data: [String: JSONValue] = [:], id: JSONValue? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }

    /// Why a frame is not a request; each maps to one `error` message text.
    public enum DecodeError: Error, Sendable, Equatable {
        /// Not JSON at all: the original's exact "无效的JSON格式" reply.
        case invalidJSON
        /// JSON, but an array, string, number...
        case notAnObject
        /// `type` missing, empty or not a string.
        case missingType
        /// `data` present but not an object (and not null).
        case dataNotObject

        public var text: AgentText {
            switch self {
            case .invalidJSON: .invalidJSON
            case .notAnObject: .notAnObject
            case .missingType: .missingType
            case .dataNotObject: .dataNotObject
            }
        }
    }

    /// Decodes one text frame. `id` is kept even when the rest is malformed,
    /// so the error reply can still be matched by the client.
    public static func decode(_ text: String) -> (result: Result<AgentRequest, DecodeError>, id: JSONValue?) {
        guard let value = try? JSONValue(parsing: Data(text.utf8)) else { return (.failure(.invalidJSON), nil) }
        guard case .object(let fields) = value else { return (.failure(.notAnObject), nil) }
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

    /// Only scalars are echoed: an object or array `id` is ignored rather
    /// than reflected back at unbounded size.
    private static func echoableID(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string, .number, .bool: value
        default: nil
        }
    }
}
