import Sockets
import WebSocketCodec

/// The one hand-driven WebSocket client of the tests: raw TCP, a handshake
/// written by hand, frames written and read one by one. For what a
/// well-behaved client never does (unmasked frames, bad UTF-8, a Close
/// without status, reserved opcodes, pings by hand, vanishing, never reading).
/// It reads the server's answer itself, with none of Wire's handshake code,
/// so it can test that code. In a `Simulation` it connects over the
/// simulation's memory network, else over the machine's TCP.
public actor RawWebSocketClient {
    public nonisolated let tcp: any ByteStream
    private var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 64 << 20)
    /// Frames read but not yet taken by `frame(where:)`, oldest first.
    private var unclaimed: [WebSocketFrame] = []

    /// The stream ended before the frame or answer a test waited for.
    public struct EndOfStream: Error, CustomStringConvertible {
        public let waitingFor: String
        public var description: String { "the server ended the stream before \(waitingFor)" }
    }

    private init(tcp: any ByteStream, rest: [UInt8]) {
        self.tcp = tcp
        decoder.append(rest)
    }

    /// Connects and sends a handshake (or `requestHead` as given); returns the
    /// client, the answer's status and its header fields.
    public static func connect(
        to address: SocketAddress, path: String = "/", headers: [String: String] = [:], requestHead: [UInt8]? = nil
    ) async throws -> (client: RawWebSocketClient, status: Int, head: [WebSocketHeaderField]) {
        let tcp: any ByteStream = if let simulation = Simulation.current {
            try await simulation.network.connect(to: address)
        } else {
            try await TCPConnection.connect(to: address)
        }
        let handshake = WebSocketClientHandshake(host: "\(address)", path: path, extraHeaders: headers)
        try await tcp.write(requestHead ?? handshake.requestHead)
        guard let head = try await RawHTTPHead.read(from: tcp) else { throw EndOfStream(waitingFor: "the handshake answer") }
        guard head.status != 0 else { throw EndOfStream(waitingFor: "a status line, got \(head.startLine)") }
        return (RawWebSocketClient(tcp: tcp, rest: head.rest), head.status, head.fields)
    }

    /// Connects, and requires the upgrade to be accepted (101).
    public static func open(to address: SocketAddress, path: String = "/", headers: [String: String] = [:]) async throws
        -> RawWebSocketClient
    {
        let (client, status, _) = try await connect(to: address, path: path, headers: headers)
        guard status == 101 else { throw EndOfStream(waitingFor: "101 (answered \(status))") }
        return client
    }

    /// Writes one frame, masked as a client must unless told otherwise.
    public func send(_ frame: WebSocketFrame, masked: Bool = true) async throws {
        try await sendRaw(WebSocketFrameEncoder.encode(frame, maskingKey: masked ? (9, 8, 7, 6) : nil))
    }

    /// Writes bytes outside any framing.
    public func sendRaw(_ bytes: [UInt8]) async throws { try await tcp.write(bytes) }

    /// The next frame from the server, or nil at end of stream (then, like a
    /// real client, it closes its side too).
    public func nextFrame() async throws -> WebSocketFrame? {
        if !unclaimed.isEmpty { return unclaimed.removeFirst() }
        while true {
            if let frame = try decoder.nextFrame() { return frame }
            let bytes = try await tcp.read()
            if bytes.isEmpty {
                tcp.close()
                return nil
            }
            decoder.append(bytes)
        }
    }

    /// The first frame satisfying `match`; frames before it stay for later calls.
    public func frame(where match: @Sendable (WebSocketFrame) -> Bool) async throws -> WebSocketFrame {
        if let index = unclaimed.firstIndex(where: match) { return unclaimed.remove(at: index) }
        var skipped: [WebSocketFrame] = []
        defer { unclaimed += skipped }
        while true {
            if let frame = try decoder.nextFrame() {
                if match(frame) { return frame }
                skipped.append(frame)
                continue
            }
            let bytes = try await tcp.read()
            guard !bytes.isEmpty else { throw EndOfStream(waitingFor: "the frame waited for") }
            decoder.append(bytes)
        }
    }

    /// The server's Close frame, decoded (skipping anything before it).
    public func nextClose() async throws -> CloseFramePayload? {
        while let frame = try await nextFrame() {
            if frame.opcode == .close { return try CloseFramePayload.decode(frame.payload) }
        }
        return nil
    }
}

extension WebSocketFrame {
    public static func text(_ text: String, fin: Bool = true) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: .text, payload: Array(text.utf8))
    }

    public static func close(_ code: WebSocketCloseCode?, _ reason: String = "") -> WebSocketFrame {
        WebSocketFrame(opcode: .close, payload: CloseFramePayload(code: code, reason: reason).encoded() ?? [])
    }
}
