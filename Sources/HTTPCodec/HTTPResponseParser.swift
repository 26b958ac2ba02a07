/// status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4).
struct HTTPStatusLine: HTTPStartLine {
    let version: HTTPVersion
    let status: Int
    let reason: String

    init(parsing line: ArraySlice<UInt8>) throws(HTTPParseError) {
        let parts = line.split(separator: HTTPSyntax.space, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { throw .malformed("status line is not \"VERSION STATUS REASON\"") }
        version = try HTTPSyntax.version(parts[0])
        let digits = parts[1]
        guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }), let status = Int(String(decoding: digits, as: UTF8.self)),
              (100...599).contains(status)
        else { throw .malformed("invalid status code") }
        self.status = status
        let reason = parts.count == 3 ? parts[2] : []
        guard reason.allSatisfy(HTTPSyntax.isFieldValueByte) else { throw .malformed("invalid reason phrase") }
        self.reason = String(decoding: reason, as: UTF8.self)
    }
}

/// Parses responses from bytes arriving in any chunking (a client's side of HTTP/1.1).
///
/// Pass the method of the request each response answers: a response to HEAD
/// has no body whatever its headers say (RFC 9112 §6.3 item 1). A response
/// with neither Content-Length nor chunked ends when the server closes; call
/// `finish()` at end of stream to collect it.
public struct HTTPResponseParser {
    private var decoder: HTTPMessageDecoder<HTTPStatusLine>

    public init(limits: HTTPLimits = .default) {
        decoder = HTTPMessageDecoder(limits: limits)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        decoder.append(bytes)
    }

    /// The next complete response (interim 1xx ones included), or nil until more bytes arrive.
    public mutating func next(requestMethod: String = "GET") throws(HTTPParseError) -> HTTPResponse? {
        let limits = decoder.limits
        guard let message = try decoder.next(framing: { line, headers throws(HTTPParseError) in
            if requestMethod == "HEAD" || HTTPResponse.forbidsBody(line.status) { return HTTPBodyFraming.none }
            return try HTTPBodyFraming.declared(by: headers, limits: limits) ?? .untilClose
        }) else { return nil }
        return Self.response(message)
    }

    /// The server closed: returns a response whose body ran until the close, nil if
    /// nothing was pending, and throws if a response was cut short.
    public mutating func finish() throws(HTTPParseError) -> HTTPResponse? {
        try decoder.finish().map(Self.response)
    }

    /// Bytes after the last complete response: after a 101, the new protocol's first
    /// bytes, which a server may send in the same packet (RFC 6455 section 4.1).
    public var bufferedBytes: [UInt8] { decoder.bufferedBytes }

    /// Status and headers of a response whose body is still arriving (`body` empty):
    /// enough to refuse a failed upgrade without waiting for a body that may only end at close.
    public var pendingHead: HTTPResponse? {
        decoder.currentHead.map { line, headers in
            HTTPResponse(status: line.status, reason: line.reason, version: line.version, headers: headers)
        }
    }

    private static func response(_ message: (HTTPStatusLine, HTTPHeaders, [UInt8])) -> HTTPResponse {
        let (line, headers, body) = message
        return HTTPResponse(status: line.status, reason: line.reason, version: line.version, headers: headers, body: body)
    }
}
