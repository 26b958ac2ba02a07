/// How the end of a message body is found (RFC 9112 §6.3).
enum HTTPBodyFraming: Equatable {
    /// No body at all (a GET without Content-Length, a 204, a reply to HEAD).
    case none
    /// Exactly this many bytes (Content-Length).
    case length(Int)
    /// Transfer-Encoding: chunked.
    case chunked
    /// Everything until the peer closes (a response with neither header).
    case untilClose

    /// The framing the headers declare, or nil if they declare none.
    ///
    /// Transfer-Encoding together with Content-Length is rejected (RFC 9112 §6.3
    /// allows treating it as an error; it is the classic request-smuggling vector),
    /// and so are Content-Length values that differ or are not plain digits (§6.3 item 5).
    /// A declared length above the limit fails at once, before any body is buffered.
    static func declared(by headers: HTTPHeaders, limits: HTTPLimits) throws(HTTPParseError) -> HTTPBodyFraming? {
        let codings = headers.tokens(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        if !codings.isEmpty {
            guard lengths.isEmpty else { throw .malformed("both Transfer-Encoding and Content-Length") }
            guard codings == ["chunked"] else { throw .unsupportedTransferCoding(codings.joined(separator: ", ")) }
            return .chunked
        }
        guard !lengths.isEmpty else { return nil }
        let values = Set(lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingHTTPWhitespace() })
        guard values.count == 1, let text = values.first, (1...18).contains(text.utf8.count),
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let length = Int(text)
        else { throw .malformed("invalid Content-Length") }
        guard length <= limits.maxBodySize else { throw .bodyTooLarge }
        return length == 0 ? HTTPBodyFraming.none : .length(length)
    }
}
