import Sockets
import WebSocketCodec

/// An HTTP head read by hand from raw TCP, with none of Wire's HTTP code, so
/// the hand-driven test peers (a client reading the server's answer, a server
/// reading a client's request) can test that code.
public struct RawHTTPHead: Sendable {
    /// `HTTP/1.1 101 Switching Protocols` or `GET / HTTP/1.1`.
    public let startLine: String
    public let fields: [WebSocketHeaderField]
    /// Bytes that came after the head in the same reads (a first frame).
    public let rest: [UInt8]

    /// The status of a response head (0 when the start line has none).
    public var status: Int {
        let words = startLine.split(separator: " ")
        return words.count >= 2 ? Int(words[1]) ?? 0 : 0
    }

    /// The first field named `name` (any case).
    public func field(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Reads until the blank line; nil when the stream ends first.
    public static func read(from tcp: any ByteStream) async throws -> RawHTTPHead? {
        var bytes: [UInt8] = []
        while true {
            if let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) {
                let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
                let fields: [WebSocketHeaderField] = lines.dropFirst().compactMap { line in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
                }
                return RawHTTPHead(startLine: String(lines.first ?? ""), fields: fields, rest: Array(bytes[end.upperBound...]))
            }
            let chunk = try await tcp.read()
            if chunk.isEmpty { return nil }
            bytes += chunk
        }
    }
}
