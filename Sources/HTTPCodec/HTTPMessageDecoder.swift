/// The start line of a message, parsed from its bytes: a request line or a status line.
protocol HTTPStartLine {
    init(parsing line: ArraySlice<UInt8>) throws(HTTPParseError)
}

/// The resumable core shared by the request and response parsers.
///
/// Bytes arrive in any chunking through `append`; `next` returns a complete
/// message when one is buffered, nil when it needs more. Every state is
/// bounded by `HTTPLimits`, checked as bytes arrive (a header line without a
/// newline fails as soon as it is too long, not when the newline comes). After
/// an error the decoder stays failed: the connection must be closed.
struct HTTPMessageDecoder<StartLine: HTTPStartLine> {
    private enum State {
        case startLine
        case headers(StartLine)
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case failed(HTTPParseError)
    }

    let limits: HTTPLimits
    private var buffer: [UInt8] = []
    /// Index of the first unconsumed byte in `buffer`.
    private var position = 0
    /// Bytes after `position` already searched for a newline (so a byte-by-byte feed stays linear).
    private var scanned = 0
    private var state = State.startLine
    private var startLine: StartLine?
    private var headers = HTTPHeaders()
    private var headerBytes = 0
    private var body: [UInt8] = []

    init(limits: HTTPLimits) {
        self.limits = limits
    }

    /// True between messages with nothing buffered: the connection is idle, not mid-request.
    var isIdle: Bool {
        if case .startLine = state { return position == buffer.count }
        return false
    }

    /// True once the current message's head is complete and its body is still arriving.
    var isReadingBody: Bool {
        switch state {
        case .body, .chunkSize, .chunkData, .chunkDataEnd, .trailers, .untilClose: true
        default: false
        }
    }

    /// The head of the message whose body is arriving (for "Expect: 100-continue").
    var currentHead: (StartLine, HTTPHeaders)? {
        guard isReadingBody, let startLine else { return nil }
        return (startLine, headers)
    }

    /// Bytes received but not yet part of a message (what follows an upgrade request).
    var bufferedBytes: [UInt8] { Array(buffer[position...]) }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        if position > 0 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, or nil if more bytes are needed.
    /// `framing` decides, once the head is in, how the body ends.
    mutating func next(
        framing: (StartLine, HTTPHeaders) throws(HTTPParseError) -> HTTPBodyFraming
    ) throws(HTTPParseError) -> (StartLine, HTTPHeaders, [UInt8])? {
        do {
            return try step(framing: framing)
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// The peer closed: completes a body delimited by the close, returns nil
    /// if nothing was pending, and fails if a message was cut short.
    mutating func finish() throws(HTTPParseError) -> (StartLine, HTTPHeaders, [UInt8])? {
        switch state {
        case .untilClose:
            body.append(contentsOf: buffer[position...])
            position = buffer.count
            return complete()
        case .startLine where position == buffer.count:
            return nil
        case .failed(let error):
            throw error
        default:
            state = .failed(.malformed("connection closed in the middle of a message"))
            throw .malformed("connection closed in the middle of a message")
        }
    }

    private mutating func step(
        framing: (StartLine, HTTPHeaders) throws(HTTPParseError) -> HTTPBodyFraming
    ) throws(HTTPParseError) -> (StartLine, HTTPHeaders, [UInt8])? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .startLine:
                guard let line = try takeLine(limit: limits.maxStartLineLength, tooLong: .startLineTooLong) else { return nil }
                // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request-line.
                if line.isEmpty { continue }
                state = .headers(try StartLine(parsing: line))
            case .headers(let start):
                let remaining = limits.maxHeaderBytes - headerBytes
                guard let line = try takeLine(limit: remaining, tooLong: .headersTooLarge) else { return nil }
                if line.isEmpty {
                    startLine = start
                    switch try framing(start, headers) {
                    case .none: return complete()
                    case .length(let length): state = .body(remaining: length)
                    case .chunked: state = .chunkSize
                    case .untilClose: state = .untilClose
                    }
                } else {
                    try addHeaderLine(line)
                }
            case .body(let remaining):
                let taken = takeBytes(upTo: remaining)
                if taken < remaining {
                    state = .body(remaining: remaining - taken)
                    return nil
                }
                return complete()
            case .chunkSize:
                guard let line = try takeLine(limit: 1024, tooLong: .malformed("chunk size line too long")) else { return nil }
                let size = try HTTPSyntax.chunkSize(line)
                guard size <= limits.maxBodySize - body.count else { throw .bodyTooLarge }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let taken = takeBytes(upTo: remaining)
                if taken < remaining {
                    state = .chunkData(remaining: remaining - taken)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let line = try takeLine(limit: 0, tooLong: .malformed("chunk data longer than its size")) else { return nil }
                guard line.isEmpty else { throw .malformed("chunk data longer than its size") }
                state = .chunkSize
            case .trailers:
                let remaining = limits.maxHeaderBytes - headerBytes
                guard let line = try takeLine(limit: remaining, tooLong: .headersTooLarge) else { return nil }
                if line.isEmpty { return complete() }
                // Trailer fields are checked and counted, then dropped: nothing here needs them.
                _ = try HTTPSyntax.field(line)
                try countHeaderLine(line)
            case .untilClose:
                _ = takeBytes(upTo: Int.max)
                guard body.count <= limits.maxBodySize else { throw .bodyTooLarge }
                return nil
            }
        }
    }

    private mutating func addHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        try countHeaderLine(line)
        let field = try HTTPSyntax.field(line)
        headers.add(field.name, field.value)
    }

    private mutating func countHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        headerBytes += line.count + 2
        guard headerBytes <= limits.maxHeaderBytes else { throw .headersTooLarge }
        guard headers.count < limits.maxHeaderCount else { throw .tooManyHeaders }
    }

    private mutating func complete() -> (StartLine, HTTPHeaders, [UInt8])? {
        guard let startLine else { return nil }
        let message = (startLine, headers, body)
        self.startLine = nil
        headers = HTTPHeaders()
        headerBytes = 0
        body = []
        state = .startLine
        return message
    }

    /// Takes one line (without its LF, and without a CR before it: RFC 9112 §2.2
    /// lets a recipient accept a bare LF). Throws `tooLong` once more than `limit`
    /// bytes are buffered without a newline.
    private mutating func takeLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let searchStart = position + scanned
        guard let newline = buffer[searchStart...].firstIndex(of: 0x0A) else {
            scanned = buffer.count - position
            if scanned > limit + 1 { throw tooLong }
            return nil
        }
        var line = buffer[position..<newline]
        if line.last == 0x0D { line.removeLast() }
        guard line.count <= limit else { throw tooLong }
        position = newline + 1
        scanned = 0
        return line
    }

    /// Moves up to `count` buffered bytes into the body; returns how many.
    private mutating func takeBytes(upTo count: Int) -> Int {
        let taken = min(count, buffer.count - position)
        body.append(contentsOf: buffer[position..<(position + taken)])
        position += taken
        return taken
    }
}
