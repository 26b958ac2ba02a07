import JSONValue

/// What never reaches a recording: the agent's token, API keys, and anything
/// that looks like a credential. Three nets, each cheap and applied on the
/// writer thread: every known secret's text is replaced wherever it appears;
/// JSON members whose names say credential are replaced whatever their value;
/// URL query parameters and userinfo with such names too.
package struct Redaction: Sendable {
    package static let marker = "<redacted>"
    /// Values known to be secret (the agent's token, keys from the environment).
    /// Shorter than 4 characters: replacing them would garble unrelated text, and such a
    /// secret is no secret; they are still caught by name.
    let secrets: [String]

    package init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// Member and query names treated as credentials (compared in lower case, `-` and `_` ignored).
    static let secretNames: Set<String> = [
        "apikey", "key", "token", "authorization", "password", "secret", "accesstoken", "bearer", "azureopenaikey",
        "openaiapikey", "clientsecret",
    ]

    static func isSecretName(_ name: String) -> Bool {
        secretNames.contains(String(name.lowercased().filter { $0 != "-" && $0 != "_" }))
    }

    /// Plain text: known secrets replaced.
    package func text(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.marker)
        }
        return result
    }

    /// A message that may be JSON: credential members replaced, then known secrets.
    package func message(_ text: String) -> String {
        guard text.contains("{"), let value = try? JSONValue(parsing: text) else { return self.text(text) }
        let (redacted, changed) = Self.members(value)
        return self.text(changed ? redacted.text : text)
    }

    /// A URL or request path: credential query parameters and userinfo replaced, then known secrets.
    package func url(_ url: String) -> String {
        var result = url
        if let scheme = result.range(of: "://"), let at = result[scheme.upperBound...].firstIndex(of: "@"),
           !result[scheme.upperBound..<at].contains("/") {
            result.replaceSubrange(scheme.upperBound..<at, with: Self.marker)
        }
        if let query = result.firstIndex(of: "?") {
            let parameters = result[result.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, Self.isSecretName(String(parts[0])) else { return String(pair) }
                return "\(parts[0])=\(Self.marker)"
            }
            result = String(result[...query]) + parameters.joined(separator: "&")
        }
        return text(result)
    }

    /// `value` with every member named like a credential replaced; whether anything was.
    static func members(_ value: JSONValue) -> (JSONValue, Bool) {
        switch value {
        case .object(let object):
            var changed = false
            var result: [String: JSONValue] = [:]
            for (name, member) in object {
                if isSecretName(name), member != .string(marker), !member.isNull {
                    result[name] = .string(marker)
                    changed = true
                } else {
                    let (inner, innerChanged) = members(member)
                    result[name] = inner
                    changed = changed || innerChanged
                }
            }
            return (.object(result), changed)
        case .array(let elements):
            var changed = false
            let result = elements.map { element in
                let (inner, innerChanged) = members(element)
                changed = changed || innerChanged
                return inner
            }
            return (.array(result), changed)
        default:
            return (value, false)
        }
    }
}
