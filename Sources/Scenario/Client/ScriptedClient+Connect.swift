import Clocks
import Foundation
import HTTPCodec
import Networks
import Sockets
import TelloSim
import WebSocketCodec

extension ScriptedClient {
    /// What an opening handshake ended in.
    public enum Connection: Sendable {
        case open(ScriptedClient)
        /// The agent answered with an HTTP status other than 101 (403 for a foreign Origin, say).
        case refused(status: Int)
    }

    /// The most a handshake response head may take; the agent's is a few hundred bytes.
    static let maxResponseHead = 16 * 1024

    /// Opens `spec.client`'s WebSocket to the agent at `address`, sending the
    /// Origin and extra headers the step gives. Throws when the TCP connection
    /// or the handshake fails in a way no scenario asked for (bad accept value,
    /// connection dropped mid-handshake).
    static func connect(
        _ spec: ClientConnect, to address: SocketAddress, over network: any StreamNetwork = TCPNetwork(), seed: UInt64,
        record: @escaping @Sendable (TranscriptEvent) -> Void
    ) async throws -> Connection {
        let tcp = try await network.connect(to: address)
        var headers = spec.headers
        if let origin = spec.origin { headers["Origin"] = origin }
        var nonces = SeededRandom(seed: seed)
        let handshake = WebSocketClientHandshake(host: address.description, path: spec.path, extraHeaders: headers, using: &nonces)
        do {
            try await tcp.write(handshake.requestHead)
            let (response, leftover) = try await readResponseHead(tcp)
            if response.status != 101 {
                tcp.close()
                return .refused(status: response.status)
            }
            try handshake.validate(status: response.status, headers: response.headers.fields.map { ($0.name, $0.value) })
            let client = ScriptedClient(name: spec.client, connection: tcp, seed: seed &+ 1, leftover: leftover, record: record)
            // Recorded before reading starts (the caller starts `read`), so it precedes whatever the agent sent first.
            record(.connected(client: spec.client, path: spec.path, origin: spec.origin))
            return .open(client)
        } catch {
            tcp.close()
            throw error
        }
    }

    /// Reads up to the blank line ending the response head; returns the parsed
    /// head and the bytes after it (frames the agent sent right behind it).
    private static func readResponseHead(_ tcp: any ByteStream) async throws -> (HTTPResponse, [UInt8]) {
        var bytes: [UInt8] = []
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = firstIndex(of: terminator, in: bytes) {
                var parser = HTTPResponseParser()
                parser.append(bytes[..<end])
                // Parsed as the answer to HEAD: only the head is wanted, whatever body a refusal declares.
                guard let response = try parser.next(requestMethod: "HEAD") ?? parser.finish() else {
                    throw ScriptedClientError.malformedHandshake("incomplete response head")
                }
                return (response, Array(bytes[end...]))
            }
            guard bytes.count < maxResponseHead else { throw ScriptedClientError.malformedHandshake("response head over \(maxResponseHead) bytes") }
            let more = try await tcp.read()
            guard !more.isEmpty else { throw ScriptedClientError.malformedHandshake("connection closed during the handshake") }
            bytes += more
        }
    }

    /// The index just past the first occurrence of `needle`.
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}

/// A scripted client could not talk to the agent at all.
public enum ScriptedClientError: Error, Equatable, CustomStringConvertible {
    case malformedHandshake(String)

    public var description: String {
        switch self {
        case .malformedHandshake(let why): "WebSocket handshake failed: \(why)"
        }
    }
}
