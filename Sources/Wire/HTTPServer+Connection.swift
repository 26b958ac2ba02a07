import Clocks
import HTTPCodec
import Logs
import Sockets

extension HTTPServer {
    /// Serves one connection: parse, handle, reply, until close, error, timeout or
    /// shutdown; then, if a handler took the connection over, runs its takeover.
    /// The takeover runs here, once the exchanges (in a child task) have ended: an
    /// upgraded connection lives for hours, and its parser, request, reply and the
    /// stack the exchange grew are no longer needed under it.
    func serve(_ connection: any ByteStream, id: UInt64) async {
        if let takeover = await exchangesInChild(on: connection, id: id) {
            await takeover.serve(takeover.connection)
        }
        connection.close()
        forget(id)
    }

    /// The exchanges in a child task: a task never gives back the stack memory
    /// its deepest frames took, and the child's is freed when it ends, before the
    /// takeover runs (the child inherits this task's executor and cancellation).
    @inline(never)
    private func exchangesInChild(on connection: any ByteStream, id: UInt64) async -> Takeover? {
        async let takeover = exchanges(on: connection, id: id)
        return await takeover
    }

    /// A handler's hold on the connection after its HTTP exchange is over.
    struct Takeover {
        let serve: @Sendable (HTTPUpgradedConnection) async -> Void
        let connection: HTTPUpgradedConnection
    }

    /// How one exchange ends: the connection stays for another request, closes, or is taken over.
    enum ExchangeEnd {
        case keepAlive
        case close
        case takeover(Takeover)
    }

    /// The HTTP exchanges on one connection; returns the takeover if a handler asked for one.
    /// Never inlined into `serve`, so that its frames are gone while the takeover runs.
    @inline(never)
    private func exchanges(on connection: any ByteStream, id: UInt64) async -> Takeover? {
        let client = connection.remoteAddress
        var parser = HTTPRequestParser(limits: configuration.limits)
        var continueSent = false
        // A new connection must start its request promptly: it is timed like a request head.
        var headStarted: Duration? = time.now
        var lastActivity = time.now
        var served = false
        do {
            while true {
                while let request = try parser.next() {
                    _ = setIdle(id, false)
                    switch try await exchange(request, parser: parser, on: connection, id: id) {
                    case .keepAlive: break
                    case .close: return nil
                    case .takeover(let takeover): return takeover
                    }
                    continueSent = false
                    served = true
                    headStarted = nil
                    lastActivity = time.now
                }
                if !parser.isIdle && headStarted == nil { headStarted = time.now }
                if parser.awaitsContinue && !continueSent {
                    try await write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), to: connection)
                    continueSent = true
                }
                // Idle = no byte of a request buffered: shutdown may close it at once.
                let idle = parser.isIdle
                guard setIdle(id, idle) else { return nil }
                let deadline = if parser.isReadingBody {
                    time.now + configuration.idleTimeout
                } else if let headStarted {
                    headStarted + configuration.headerTimeout
                } else {
                    lastActivity + configuration.idleTimeout
                }
                let bytes: [UInt8]
                do {
                    bytes = try await withDeadline(deadline, on: time) { try await connection.read() }
                } catch is DeadlineExceeded {
                    // Quiet only between requests; a newcomer that never sends its
                    // request (a WebSocket handshake that never comes) is answered 408.
                    if idle && served {
                        logger.debug("idle connection closed", ("client", client))
                        return nil
                    }
                    report(WebSocketRefusal(client: client, cause: .handshakeTimeout, status: 408, reason: "request not received in time"))
                    let answer = Self.errorResponse(408, "request not received in time")
                    if idle {
                        // Silent from the start: nothing of its is unread, so nothing can turn our
                        // close into a reset, and lingering would hold its place for another timeout.
                        try? await write(answer, to: connection)
                        try? connection.shutdownWrite()
                    } else {
                        await reply(answer, andCloseGracefully: connection)
                    }
                    return nil
                }
                if bytes.isEmpty {
                    if !served {
                        // Gone before its first request was complete: nobody to answer, but
                        // the owner is told (a port probe is routine, so this line is debug).
                        report(WebSocketRefusal(client: client, cause: .handshakeAbandoned, status: nil, reason: "peer left before its request"),
                               at: .debug)
                        return nil
                    }
                    try parser.finish()
                    logger.debug("connection closed by client", ("client", client))
                    return nil
                }
                parser.append(bytes)
            }
        } catch let error as HTTPParseError {
            report(WebSocketRefusal(client: client, cause: .badHandshake, status: error.status, reason: error.description))
            await reply(Self.errorResponse(error.status, error.description), andCloseGracefully: connection)
        } catch {
            logger.debug("connection ended", ("client", client), ("reason", String(describing: error)))
        }
        return nil
    }

    /// Runs the handler for one request and sends its reply; says how the connection goes on.
    private func exchange(
        _ request: HTTPRequest, parser: HTTPRequestParser, on connection: any ByteStream, id: UInt64
    ) async throws -> ExchangeEnd {
        let client = connection.remoteAddress
        let reply: HTTPReply
        do {
            reply = try await handler(request, HTTPConnectionInfo(remoteAddress: client, localAddress: connection.localAddress))
        } catch is CancellationError {
            return .close
        } catch {
            logger.error("handler failed", ("client", client), ("method", request.method), ("path", request.path),
                         ("error", String(describing: error)))
            reply = .response(.text("internal server error\n", status: 500))
        }
        switch reply {
        case .response(var response):
            let keepAlive = request.keepAlive && !isStopping && !response.headers.tokens(for: "Connection").contains("close")
            if !keepAlive {
                response.headers.set("Connection", "close")
            } else if request.version == .http10 {
                response.headers.set("Connection", "keep-alive")
            }
            try await write(response.serialized(omittingBody: request.method == "HEAD"), to: connection)
            logger.debug("request served", ("client", client), ("method", request.method), ("path", request.path),
                         ("status", response.status))
            return keepAlive ? .keepAlive : .close
        case .close:
            logger.debug("handler closed the connection without a reply", ("client", client), ("path", request.path))
            return .close
        case .reset:
            logger.debug("handler reset the connection", ("client", client), ("path", request.path))
            connection.reset()
            return .close
        case .raw(let bytes):
            try await write(bytes, to: connection)
            return .close
        case .upgrade(let response, let takeover):
            try await write(response.serialized(), to: connection)
            logger.debug("connection upgraded", ("client", client), ("path", request.path), ("status", response.status))
            return .takeover(Takeover(serve: takeover,
                                      connection: HTTPUpgradedConnection(stream: connection, bufferedBytes: parser.bufferedBytes, server: self, id: id)))
        case .takeover(let serve):
            logger.debug("connection taken over", ("client", client), ("path", request.path))
            return .takeover(Takeover(serve: serve,
                                      connection: HTTPUpgradedConnection(stream: connection, bufferedBytes: parser.bufferedBytes, server: self, id: id)))
        }
    }

    /// Writes with the idle timeout as a bound: a peer that never reads cannot hold the task forever.
    private func write(_ bytes: [UInt8], to connection: any ByteStream) async throws {
        try await withDeadline(time.now + configuration.idleTimeout, on: time) { try await connection.write(bytes) }
    }

    /// Sends a final reply, then closes without resetting: shut down our side and
    /// discard what the client is still sending (up to 64 KiB, within the header timeout).
    /// Closing with unread bytes would send a RST, and the client would lose the reply
    /// (RFC 9112 §9.6: "close the connection in stages").
    func reply(_ bytes: [UInt8], andCloseGracefully connection: any ByteStream) async {
        let deadline = time.now + configuration.headerTimeout
        _ = try? await withDeadline(deadline, on: time) {
            try await connection.write(bytes)
            try connection.shutdownWrite()
            var discarded = 0
            while discarded < 64 * 1024 {
                let chunk = try await connection.read()
                if chunk.isEmpty { return }
                discarded += chunk.count
            }
        }
        connection.close()
    }

    static func errorResponse(_ status: Int, _ reason: String) -> [UInt8] {
        var response = HTTPResponse.text("\(reason)\n", status: status)
        response.headers.set("Connection", "close")
        return response.serialized()
    }
}
