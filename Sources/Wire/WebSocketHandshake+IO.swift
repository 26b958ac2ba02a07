import Clocks
import HTTPCodec
import Sockets
import WebSocketCodec

extension WebSocketHandshake {
    /// RFC 6455 section 4.1 leaves the handshake time to us; 10 s, like the close timeout.
    public static let defaultTimeout: Duration = .seconds(10)

    /// Why reading a handshake head failed.
    enum HeadReadError: Error, Equatable {
        case timedOut
        case disconnected(String)
        /// Not a well-formed (or too large) HTTP head: the status to answer with.
        case invalid(status: Int, reason: String)
    }

    /// A resumable parser of one HTTP head: fed chunks as they arrive, it
    /// returns the head and the bytes after it once the head is complete.
    protocol HeadReader: SendableMetatype {
        associatedtype Head: Sendable
        mutating func feed(_ bytes: [UInt8]) throws(HeadReadError) -> (Head, [UInt8])?
    }

    /// The client's upgrade request, parsed by the HTTP layer's request parser
    /// (RFC 9112 rules and limits); an upgrade request carries no body.
    struct RequestReader: HeadReader {
        private var parser = HTTPRequestParser(limits: HTTPLimits(maxBodySize: 0))

        mutating func feed(_ bytes: [UInt8]) throws(HeadReadError) -> (HTTPRequest, [UInt8])? {
            parser.append(bytes)
            do throws(HTTPParseError) {
                guard let request = try parser.next() else { return nil }
                return (request, parser.bufferedBytes)
            } catch {
                throw .invalid(status: error.status, reason: "\(error)")
            }
        }
    }

    /// At most 16 KiB of 101 response head (1 KiB status line, 15 KiB of fields): servers send
    /// a few hundred bytes; nginx's default `large_client_header_buffers` is 4 x 8 KiB.
    static let responseHeadLimits = HTTPLimits(maxStartLineLength: 1024, maxHeaderBytes: 15 * 1024)

    /// The server's answer, parsed by the HTTP layer's response parser; a 101 may be
    /// followed at once by the first frame. Any other status is returned as soon as its
    /// head is in (its body is of no interest and may only end at close).
    struct ResponseReader: HeadReader {
        private var parser = HTTPResponseParser(limits: WebSocketHandshake.responseHeadLimits)

        mutating func feed(_ bytes: [UInt8]) throws(HeadReadError) -> (HTTPResponse, [UInt8])? {
            parser.append(bytes)
            do throws(HTTPParseError) {
                if let response = try parser.next() { return (response, parser.bufferedBytes) }
                return parser.pendingHead.map { ($0, []) }
            } catch {
                throw .invalid(status: error.status, reason: "\(error)")
            }
        }
    }

    /// Reads one HTTP head from `stream` before `timeout` on `time`; returns it
    /// and whatever bytes came after it.
    static func readHead<Reader: HeadReader>(
        from stream: any ByteStream, time: any TimeSource, timeout: Duration, reader makeReader: @escaping @Sendable () -> Reader
    ) async throws(HeadReadError) -> (head: Reader.Head, rest: [UInt8]) {
        let deadline = time.now + timeout
        let result: Result<(Reader.Head, [UInt8]), HeadReadError> = await withTaskGroup(
            of: Result<(Reader.Head, [UInt8]), HeadReadError>?.self
        ) { group in
            group.addTask {
                var reader = makeReader()
                var chunk: [UInt8] = []
                while true {
                    do throws(HeadReadError) {
                        if let done = try reader.feed(chunk) { return .success(done) }
                    } catch {
                        return .failure(error)
                    }
                    do {
                        chunk = try await stream.read()
                        if chunk.isEmpty { return .failure(.disconnected("end of stream")) }
                    } catch {
                        return Task.isCancelled ? nil : .failure(.disconnected("\(error)"))
                    }
                }
            }
            group.addTask {
                do { try await time.sleep(until: deadline) } catch { return nil }
                return .failure(.timedOut)
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return .failure(.timedOut)
        }
        return try result.get()
    }

    /// A refusal as bytes for a raw socket we close next: the rejection's response
    /// with `Connection: close`.
    static func errorResponse(_ rejection: WebSocketHandshakeRejection) -> [UInt8] {
        var answer = rejection.response
        answer.headers.set("Connection", "close")
        return answer.serialized()
    }

    /// The 101 answer carrying the accepted handshake's header fields.
    static func switchingProtocols(_ fields: [WebSocketHeaderField]) -> HTTPResponse {
        var answer = HTTPResponse(status: 101)
        for field in fields { answer.headers.add(field.name, field.value) }
        return answer
    }
}

extension WebSocketHandshakeRejection {
    /// The refusal as an HTTP response: the reason as a small text body, and the
    /// rejection's headers (Allow, Sec-WebSocket-Version, Retry-After) in name order.
    var response: HTTPResponse {
        var answer = HTTPResponse.text(reason + "\n", status: status)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { answer.headers.set(name, value) }
        return answer
    }
}
