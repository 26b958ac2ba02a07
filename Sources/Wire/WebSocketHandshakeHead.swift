import Foundation

/// The HTTP/1.1 head of an opening handshake, parsed just far enough for
/// RFC 6455 section 4: start line and header fields. The client reads the
/// server's 101 with it (the server side uses the HTTP layer's
/// `HTTPRequestParser`, which does not hand back the bytes after a response).
///
/// Pure and bounded: `parse` returns nil until the blank line has arrived,
/// refuses a head over `maxBytes` (a peer cannot make us buffer forever), and
/// reports how many bytes it used, because a server may send its first frame
/// in the same packet as its 101 answer.
public struct WebSocketHandshakeHead: Sendable {
    /// 16 KiB: browsers send well under 8 KiB of headers; nginx's default
    /// `large_client_header_buffers` is 4 x 8 KiB.
    public static let maxBytes = 16 * 1024

    public enum ParseError: Error, Equatable, Sendable {
        case tooLarge
        case malformed(String)
    }

    /// The three parts of the first line: method, target, version for a
    /// request; version, status, reason for a response.
    public let startLine: [String]
    public let headers: [WebSocketHeaderField]

    /// The head and the number of bytes it took, or nil if incomplete.
    public static func parse(_ buffer: [UInt8], maxBytes: Int = maxBytes) throws(ParseError) -> (head: WebSocketHandshakeHead, consumed: Int)? {
        guard let end = endOfHead(buffer) else {
            if buffer.count > maxBytes { throw .tooLarge }
            return nil
        }
        guard end <= maxBytes else { throw .tooLarge }
        let text = String(decoding: buffer[..<(end - 4)], as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard first.count >= 2 else { throw .malformed("start line") }
        var headers: [WebSocketHeaderField] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" }) else {
                throw .malformed("header line")
            }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return (WebSocketHandshakeHead(startLine: first, headers: headers), end)
    }

    /// Index just past the first CRLFCRLF.
    private static func endOfHead(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 3..<buffer.count
        where buffer[index] == 10 && buffer[index - 1] == 13 && buffer[index - 2] == 10 && buffer[index - 3] == 13 {
            return index + 1
        }
        return nil
    }
}
