import Clocks

extension WebSocketHandshake {
    /// RFC 6455 section 4.1 leaves the handshake time to us; 10 s, like the close timeout.
    public static let defaultTimeout: Duration = .seconds(10)

    /// Why reading a handshake head failed.
    enum HeadReadError: Error {
        case timedOut
        case disconnected(String)
        case malformed(WebSocketHandshakeHead.ParseError)
    }

    /// Reads one HTTP head from `tcp` before `timeout` on `time`; returns it
    /// and whatever bytes came after it.
    static func readHead(
        from tcp: TCPConnection, time: any TimeSource, timeout: Duration
    ) async throws(HeadReadError) -> (head: WebSocketHandshakeHead, rest: [UInt8]) {
        let deadline = time.now + timeout
        let result: Result<(WebSocketHandshakeHead, [UInt8]), HeadReadError> = await withTaskGroup(
            of: Result<(WebSocketHandshakeHead, [UInt8]), HeadReadError>?.self
        ) { group in
            group.addTask {
                var buffer: [UInt8] = []
                while true {
                    do throws(WebSocketHandshakeHead.ParseError) {
                        if let (head, used) = try WebSocketHandshakeHead.parse(buffer) {
                            return .success((head, Array(buffer[used...])))
                        }
                    } catch {
                        return .failure(.malformed(error))
                    }
                    do {
                        let chunk = try await tcp.read()
                        if chunk.isEmpty { return .failure(.disconnected("end of stream")) }
                        buffer += chunk
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

    /// A complete HTTP/1.1 response head (and small text body) for a refusal.
    static func errorResponse(status: Int, reason: String, headers: [String: String]) -> [UInt8] {
        let body = Array((reason + "\n").utf8)
        var lines = ["HTTP/1.1 \(status) \(reasonPhrase(status))", "Content-Type: text/plain; charset=utf-8",
                     "Content-Length: \(body.count)", "Connection: close"]
        lines += headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    static func switchingProtocolsResponse(_ headers: [WebSocketHeaderField]) -> [UInt8] {
        let lines = ["HTTP/1.1 101 Switching Protocols"] + headers.map { "\($0.name): \($0.value)" }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 426: "Upgrade Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
