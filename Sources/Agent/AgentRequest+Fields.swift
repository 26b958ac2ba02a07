import JSONValue

/// The JSON type a request field must have, for errors that name it.
package enum FieldType: Sendable, Equatable {
    case boolean
    case object
}

extension AgentRequest {
    /// `data.<name>` as a boolean; absent or null means `fallback`.
    ///
    /// Anything else is an error naming the field: `"enabled": "false"` is
    /// not taken as true (a non-empty string is truthy in the original's
    /// Python) nor silently ignored.
    package func bool(_ name: String, default fallback: Bool) -> Result<Bool, AgentText> {
        switch data[name] {
        case nil, .null?: .success(fallback)
        case .bool(let value)?: .success(value)
        default: .failure(.wrongFieldType(field: "data.\(name)", expected: .boolean))
        }
    }

    /// `data.<name>` as an object; absent or null means empty. `parameters: [50]`
    /// is an error, not "no parameters" (which would fly the default distance).
    package func object(_ name: String) -> Result<[String: JSONValue], AgentText> {
        switch data[name] {
        case nil, .null?: .success([:])
        case .object(let value)?: .success(value)
        default: .failure(.wrongFieldType(field: "data.\(name)", expected: .object))
        }
    }
}

/// A refused field is answered with its text, so the text is the error.
extension AgentText: Error {}
