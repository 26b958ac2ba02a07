/// Wire bytes for requests and responses (RFC 9112).
///
/// The serializer adds the framing a peer needs and nothing else: a
/// Content-Length when the message has no Transfer-Encoding (so keep-alive
/// works), or, when "Transfer-Encoding: chunked" is set, the body as one chunk
/// and the last chunk. Bodies of 1xx/204/304 responses are never sent.
enum HTTPSerializer {
    /// The start line and header section. CR and LF inside the start line, a
    /// name or a value become spaces: a handler echoing user input into a header
    /// can never split the message in two (response splitting).
    static func head(startLine: String, headers: HTTPHeaders) -> [UInt8] {
        var text = singleLine(startLine) + "\r\n"
        for field in headers { text += "\(singleLine(field.name)): \(singleLine(field.value))\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    private static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// Headers with framing added, and the body as it goes on the wire.
    static func framed(headers: HTTPHeaders, body: [UInt8], bodyAllowed: Bool) -> (HTTPHeaders, [UInt8]) {
        guard bodyAllowed else { return (headers, []) }
        var headers = headers
        if headers.tokens(for: "Transfer-Encoding").contains("chunked") {
            headers.remove("Content-Length")
            return (headers, chunked(body))
        }
        if !headers.contains("Content-Length") { headers.set("Content-Length", String(body.count)) }
        return (headers, body)
    }

    /// `body` as chunked transfer coding: one chunk (if non-empty) and the last chunk.
    static func chunked(_ body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        if !body.isEmpty {
            bytes += Array("\(String(body.count, radix: 16))\r\n".utf8) + body + Array("\r\n".utf8)
        }
        return bytes + Array("0\r\n\r\n".utf8)
    }
}

extension HTTPRequest {
    /// The request as bytes, with Content-Length (or chunked framing) added.
    public func serialized() -> [UInt8] {
        let hasBody = !body.isEmpty || headers.tokens(for: "Transfer-Encoding").contains("chunked")
        let (headers, wireBody) = HTTPSerializer.framed(headers: headers, body: body, bodyAllowed: hasBody)
        return HTTPSerializer.head(startLine: "\(method) \(target) \(version)", headers: headers) + wireBody
    }
}

extension HTTPResponse {
    /// The response as bytes, with Content-Length (or chunked framing) added;
    /// no body for statuses that forbid one.
    public func serialized() -> [UInt8] {
        serialized(omittingBody: false)
    }

    /// With `omittingBody`, the head only, framing headers included: the answer to HEAD
    /// (RFC 9110 §9.3.2: the same header fields as GET, without content).
    package func serialized(omittingBody: Bool) -> [UInt8] {
        let (headers, wireBody) = HTTPSerializer.framed(
            headers: headers, body: body, bodyAllowed: !HTTPResponse.forbidsBody(status))
        let head = HTTPSerializer.head(startLine: "\(version) \(status) \(reason)", headers: headers)
        return omittingBody ? head : head + wireBody
    }
}
