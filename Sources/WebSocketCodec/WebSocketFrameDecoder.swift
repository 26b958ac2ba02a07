/// Turns received bytes into frames: a synchronous, resumable parser.
///
/// Bytes may arrive split anywhere (`append` then `nextFrame` until nil).
/// Every rule that can be checked from the header is checked as soon as the
/// header bytes are in, so an oversized frame is refused before a byte of
/// its payload is buffered. After an error the decoder stays failed: the
/// connection is going to be closed and nothing after the error is trusted.
public struct WebSocketFrameDecoder: Sendable {
    /// RFC 6455 section 10.4: "an endpoint MUST be prepared to deal with
    /// large messages" but may limit them; 10 MiB matches the original agent.
    public static let defaultMaxFrameSize = 10 * 1024 * 1024

    public let role: WebSocketRole
    public let maxFrameSize: Int

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var failure: WebSocketProtocolError?

    public init(role: WebSocketRole, maxFrameSize: Int = Self.defaultMaxFrameSize) {
        self.role = role
        self.maxFrameSize = maxFrameSize
    }

    /// Bytes received but not yet returned as a frame.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0 && readIndex >= buffer.count / 2 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, nil if more bytes are needed, or the first
    /// protocol error found (thrown again on every later call).
    public mutating func nextFrame() throws(WebSocketProtocolError) -> WebSocketFrame? {
        if let failure { throw failure }
        do {
            return try parse()
        } catch {
            failure = error
            throw error
        }
    }

    /// The unmasked payload of the frame still arriving, from byte `offset`
    /// of its payload up to what has been received; nil if its header is not
    /// complete or nothing new has arrived. Lets text be checked for UTF-8
    /// while a large frame is still in transit (fail fast, RFC 6455 section 8.1).
    public func partialPayload(from offset: Int) -> [UInt8]? {
        guard failure == nil, let header = try? parseHeader() else { return nil }
        let available = min(buffer.count - header.payloadStart, header.length)
        guard available > offset else { return nil }
        var bytes = Array(buffer[(header.payloadStart + offset)..<(header.payloadStart + available)])
        if let key = header.maskingKey { WebSocketFrameEncoder.applyMask(key, to: &bytes, phase: offset) }
        return bytes
    }

    /// The opcode of the frame whose header is in but whose payload is still arriving.
    public var pendingOpcode: WebSocketOpcode? {
        guard failure == nil, let header = try? parseHeader() else { return nil }
        return buffer.count - header.payloadStart < header.length ? header.opcode : nil
    }

    private struct Header {
        let fin: Bool
        let opcode: WebSocketOpcode
        let maskingKey: WebSocketFrameEncoder.MaskingKey?
        let payloadStart: Int
        let length: Int
    }

    private mutating func parse() throws(WebSocketProtocolError) -> WebSocketFrame? {
        guard let header = try parseHeader(), buffer.count - header.payloadStart >= header.length else { return nil }
        var payload = Array(buffer[header.payloadStart..<(header.payloadStart + header.length)])
        if let key = header.maskingKey { WebSocketFrameEncoder.applyMask(key, to: &payload) }
        readIndex = header.payloadStart + header.length
        return WebSocketFrame(fin: header.fin, opcode: header.opcode, payload: payload)
    }

    /// The next frame's header, checked, or nil until all its bytes are in.
    private func parseHeader() throws(WebSocketProtocolError) -> Header? {
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let first = buffer[readIndex], second = buffer[readIndex + 1]
        let fin = first & 0x80 != 0
        guard first & 0x70 == 0 else { throw .reservedBitsSet }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        let masked = second & 0x80 != 0
        switch role {
        case .server where !masked: throw .unmaskedClientFrame
        case .client where masked: throw .maskedServerFrame
        default: break
        }
        if opcode.isControl && !fin { throw .fragmentedControlFrame }

        var cursor = readIndex + 2
        var length = UInt64(second & 0x7F)
        if opcode.isControl && length > UInt64(WebSocketFrame.maxControlPayload) {
            throw .controlFrameTooLong(length)
        }
        let extendedBytes = length == 126 ? 2 : (length == 127 ? 8 : 0)
        guard available >= 2 + extendedBytes else { return nil }
        if extendedBytes > 0 {
            length = 0
            for offset in 0..<extendedBytes { length = length << 8 | UInt64(buffer[cursor + offset]) }
            cursor += extendedBytes
            if extendedBytes == 8 && length & (1 << 63) != 0 { throw .lengthMostSignificantBitSet }
        }
        guard length <= UInt64(maxFrameSize) else { throw .frameTooLarge(length: length, limit: maxFrameSize) }
        guard !masked || buffer.count - cursor >= 4 else { return nil }
        let key = masked ? (buffer[cursor], buffer[cursor + 1], buffer[cursor + 2], buffer[cursor + 3]) : nil
        return Header(fin: fin, opcode: opcode, maskingKey: key, payloadStart: cursor + (masked ? 4 : 0), length: Int(length))
    }
}
