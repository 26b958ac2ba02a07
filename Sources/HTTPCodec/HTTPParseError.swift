/// Why bytes are not an acceptable HTTP message, and the status a server answers with.
public enum HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request or status line is longer than `HTTPLimits.maxStartLineLength`.
    case startLineTooLong
    /// More header (or trailer) fields than `HTTPLimits.maxHeaderCount`.
    case tooManyHeaders
    /// The header section is larger than `HTTPLimits.maxHeaderBytes`.
    case headersTooLarge
    /// The body is (or is declared) larger than `HTTPLimits.maxBodySize`.
    case bodyTooLarge
    /// Not HTTP/1.x (e.g. "HTTP/2.0"); we speak HTTP/1.1.
    case unsupportedVersion(String)
    /// A transfer coding other than "chunked" (e.g. gzip).
    case unsupportedTransferCoding(String)
    /// Anything else that breaks the grammar or the framing rules; the text says what.
    case malformed(String)

    /// The response status a server sends for this error before closing (RFC 9110 §15, RFC 6585 §5):
    /// 414 for a long request line (RFC 9112 §3 "MUST respond with a 414"), 431 for header limits,
    /// 413 for the body, 505 for the version, 501 for an unknown transfer coding (RFC 9112 §6.1), else 400.
    public var status: Int {
        switch self {
        case .startLineTooLong: 414
        case .tooManyHeaders, .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .malformed: 400
        }
    }

    public var description: String {
        switch self {
        case .startLineTooLong: "start line too long"
        case .tooManyHeaders: "too many header fields"
        case .headersTooLarge: "header section too large"
        case .bodyTooLarge: "body too large"
        case .unsupportedVersion(let version): "unsupported HTTP version \(version)"
        case .unsupportedTransferCoding(let coding): "unsupported transfer coding \(coding)"
        case .malformed(let why): "malformed message: \(why)"
        }
    }
}
