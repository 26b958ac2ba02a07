import JSONValue

/// A URL as it may be shown to a client or written to a log: credentials
/// in it (`user:password@`, query values such as `?key=…`, a fragment)
/// replaced by `***`, and bounded like any quoted input.
///
/// Works on the text, not on a parsed URL, because the URLs it is for are
/// often the invalid ones a parser refuses, and those still carry secrets.
package enum RedactedURL {
    package static func text(_ url: String) -> String {
        var rest = Substring(url)
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = "#***"
            rest = rest[..<hash]
        }
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            let pairs = rest[rest.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false)
            query = "?" + pairs.map { pair in
                pair.firstIndex(of: "=").map { "\(pair[..<$0])=***" } ?? String(pair)
            }.joined(separator: "&")
            rest = rest[..<mark]
        }
        // The authority runs from after "//" (or the start) to the next "/".
        let authorityStart = rest.range(of: "//").map(\.upperBound) ?? rest.startIndex
        let authorityEnd = rest[authorityStart...].firstIndex(of: "/") ?? rest.endIndex
        var head = String(rest)
        if let at = rest[authorityStart..<authorityEnd].lastIndex(of: "@") {
            head = String(rest[..<authorityStart]) + "***" + String(rest[at...])
        }
        return Echo.text(head + query + fragment)
    }
}
