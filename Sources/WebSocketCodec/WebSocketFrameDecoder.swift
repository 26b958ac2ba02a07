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
        buffer.withUnsafeBytes { partialPayload(in: UnsafeRawBufferPointer(rebasing: $0[readIndex...]), from: offset) }
    }

    /// The opcode of the frame whose header is in but whose payload is still arriving.
    public var pendingOpcode: WebSocketOpcode? {
        buffer.withUnsafeBytes { pendingFrame(in: UnsafeRawBufferPointer(rebasing: $0[readIndex...]))?.opcode }
    }

    // MARK: in place

    /// The next complete frame at the front of `bytes`, parsed where the bytes
    /// lie (the caller's read buffer) with its payload unmasked as it is copied
    /// out, and the number of bytes it took; nil if `bytes` holds no whole frame
    /// yet: the caller keeps them and offers them again with more. Only while
    /// nothing is buffered here (`bufferedByteCount == 0`); errors as `nextFrame()`.
    public mutating func nextFrame(in bytes: UnsafeRawBufferPointer) throws(WebSocketProtocolError) -> (frame: WebSocketFrame, size: Int)? {
        if let failure { throw failure }
        do {
            guard let header = try parseHeader(in: bytes), bytes.count - header.payloadStart >= header.length else { return nil }
            let payload = Self.payload(of: header, in: bytes, from: 0, count: header.length)
            return (WebSocketFrame(fin: header.fin, opcode: header.opcode, payload: payload), header.payloadStart + header.length)
        } catch {
            failure = error
            throw error
        }
    }

    /// The opcode and whole size (header and payload) of the frame at the front
    /// of `bytes` whose header is in but whose payload is not; nil otherwise
    /// (no complete header, the frame is complete, or the decoder has failed).
    public func pendingFrame(in bytes: UnsafeRawBufferPointer) -> (opcode: WebSocketOpcode, size: Int)? {
        guard failure == nil, let header = try? parseHeader(in: bytes), bytes.count - header.payloadStart < header.length else { return nil }
        return (header.opcode, header.payloadStart + header.length)
    }

    /// `partialPayload(from:)` for the frame at the front of `bytes`.
    public func partialPayload(in bytes: UnsafeRawBufferPointer, from offset: Int) -> [UInt8]? {
        guard failure == nil, let header = try? parseHeader(in: bytes) else { return nil }
        let available = min(bytes.count - header.payloadStart, header.length)
        guard available > offset else { return nil }
        return Self.payload(of: header, in: bytes, from: offset, count: available - offset)
    }

    // MARK: parsing

    private struct Header {
        let fin: Bool
        let opcode: WebSocketOpcode
        let maskingKey: WebSocketFrameEncoder.MaskingKey?
        /// From the start of the frame.
        let payloadStart: Int
        let length: Int
    }

    /// `count` payload bytes from `offset`, unmasked while copied: one pass over them.
    private static func payload(of header: Header, in bytes: UnsafeRawBufferPointer, from offset: Int, count: Int) -> [UInt8] {
        let source = UnsafeRawBufferPointer(rebasing: bytes[(header.payloadStart + offset)..<(header.payloadStart + offset + count)])
        guard let key = header.maskingKey else { return Array(source) }
        return [UInt8](unsafeUninitializedCapacity: count) { destination, initialized in
            WebSocketFrameEncoder.copyMasked(key, from: source, to: UnsafeMutableRawBufferPointer(destination), phase: offset)
            initialized = count
        }
    }

    private mutating func parse() throws(WebSocketProtocolError) -> WebSocketFrame? {
        let found = try buffer.withUnsafeBytes { all in
            Result { () throws(WebSocketProtocolError) -> (frame: WebSocketFrame, size: Int)? in
                let bytes = UnsafeRawBufferPointer(rebasing: all[readIndex...])
                guard let header = try parseHeader(in: bytes), bytes.count - header.payloadStart >= header.length else { return nil }
                let payload = Self.payload(of: header, in: bytes, from: 0, count: header.length)
                return (WebSocketFrame(fin: header.fin, opcode: header.opcode, payload: payload), header.payloadStart + header.length)
            }
        }.get()
        guard let found else { return nil }
        readIndex += found.size
        return found.frame
    }

    /// The header of the frame at the front of `bytes`, checked, or nil until all its bytes are in.
    private func parseHeader(in bytes: UnsafeRawBufferPointer) throws(WebSocketProtocolError) -> Header? {
        let available = bytes.count
        guard available >= 2 else { return nil }
        let first = bytes[0], second = bytes[1]
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

        var cursor = 2
        var length = UInt64(second & 0x7F)
        if opcode.isControl && length > UInt64(WebSocketFrame.maxControlPayload) {
            throw .controlFrameTooLong(length)
        }
        let extendedBytes = length == 126 ? 2 : (length == 127 ? 8 : 0)
        guard available >= 2 + extendedBytes else { return nil }
        if extendedBytes > 0 {
            length = 0
            for offset in 0..<extendedBytes { length = length << 8 | UInt64(bytes[cursor + offset]) }
            cursor += extendedBytes
            if extendedBytes == 8 && length & (1 << 63) != 0 { throw .lengthMostSignificantBitSet }
        }
        guard length <= UInt64(maxFrameSize) else { throw .frameTooLarge(length: length, limit: maxFrameSize) }
        guard !masked || available - cursor >= 4 else { return nil }
        let key = masked ? (bytes[cursor], bytes[cursor + 1], bytes[cursor + 2], bytes[cursor + 3]) : nil
        return Header(fin: fin, opcode: opcode, maskingKey: key, payloadStart: cursor + (masked ? 4 : 0), length: Int(length))
    }
}
