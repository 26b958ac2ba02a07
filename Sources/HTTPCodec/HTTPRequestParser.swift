/// request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
struct HTTPRequestLine: HTTPStartLine {
    let method: String
    let target: String
    let version: HTTPVersion

    init(parsing line: ArraySlice<UInt8>) throws(HTTPParseError) {
        let parts = line.split(separator: HTTPSyntax.space, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("request line is not \"METHOD TARGET VERSION\"") }
        guard HTTPSyntax.isToken(parts[0]) else { throw .malformed("invalid method") }
        guard !parts[1].isEmpty, parts[1].allSatisfy(HTTPSyntax.isVisibleByte) else { throw .malformed("invalid request target") }
        version = try HTTPSyntax.version(parts[2])
        method = String(decoding: parts[0], as: UTF8.self)
        target = String(decoding: parts[1], as: UTF8.self)
    }
}

/// Parses requests from bytes arriving in any chunking (a server's side of HTTP/1.1).
///
/// ```swift
/// var parser = HTTPRequestParser()
/// parser.append(bytesFromSocket)
/// while let request = try parser.next() { ... }   // pipelined requests come out one by one
/// ```
/// A thrown `HTTPParseError` carries the status to answer with before closing.
public struct HTTPRequestParser {
    private var decoder: HTTPMessageDecoder<HTTPRequestLine>

    public init(limits: HTTPLimits = .default) {
        decoder = HTTPMessageDecoder(limits: limits)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        decoder.append(bytes)
    }

    /// The next complete request, or nil until more bytes arrive.
    public mutating func next() throws(HTTPParseError) -> HTTPRequest? {
        let limits = decoder.limits
        guard let (line, headers, body) = try decoder.next(framing: { line, headers throws(HTTPParseError) in
            // RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
            // HTTP/1.1 request message that lacks a Host header field and to any request message
            // that contains more than one Host header field line".
            let hosts = headers.values(for: "Host").count
            if hosts > 1 || (hosts == 0 && line.version == .http11) {
                throw .malformed(hosts == 0 ? "HTTP/1.1 request without Host" : "more than one Host")
            }
            // RFC 9112 §6.3 item 7: a request with neither header has no body.
            return try HTTPBodyFraming.declared(by: headers, limits: limits) ?? .none
        }) else { return nil }
        return HTTPRequest(method: line.method, target: line.target, version: line.version, headers: headers, body: body)
    }

    /// The peer closed the connection: fails if it did so mid-request.
    public mutating func finish() throws(HTTPParseError) {
        _ = try decoder.finish()
    }

    /// Nothing of a next request has arrived: a timeout now is an idle timeout, not a slow request.
    public var isIdle: Bool { decoder.isIdle }

    /// Bytes after the last complete request: after an upgrade, the new protocol's first bytes.
    public var bufferedBytes: [UInt8] { decoder.bufferedBytes }

    /// The head of the current request is complete and its body is arriving.
    package var isReadingBody: Bool { decoder.isReadingBody }

    /// The head of a request whose body is still to come asked for "100 Continue" (RFC 9110 §10.1.1).
    public var awaitsContinue: Bool {
        guard let (_, headers) = decoder.currentHead else { return false }
        return headers.tokens(for: "Expect").contains("100-continue")
    }
}
