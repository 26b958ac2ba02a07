/// Bounds on everything a peer can make us buffer.
public struct HTTPLimits: Sendable, Equatable {
    /// RFC 9112 §3: "It is RECOMMENDED that all HTTP senders and recipients support,
    /// at a minimum, request-line lengths of 8000 octets." We allow 8 KiB.
    public var maxStartLineLength: Int
    /// 100 fields: far above any browser or curl request, low enough to bound the work.
    public var maxHeaderCount: Int
    /// 32 KiB of header lines, like common servers' default buffers (nginx: 4 x 8 KiB).
    public var maxHeaderBytes: Int
    /// 10 MiB, the project's maximum message size (docs/architecture.md, Conventions).
    public var maxBodySize: Int

    public init(
        maxStartLineLength: Int = 8192, maxHeaderCount: Int = 100,
        maxHeaderBytes: Int = 32 * 1024, maxBodySize: Int = 10 * 1024 * 1024
    ) {
        self.maxStartLineLength = maxStartLineLength
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodySize = maxBodySize
    }

    public static let `default` = HTTPLimits()
}
