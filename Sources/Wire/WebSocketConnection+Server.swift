import Clocks
import Logs

extension WebSocketConnection {
    /// Runs the server side of the opening handshake on an accepted TCP
    /// connection: reads the request (bounded in size and time), checks it
    /// against RFC 6455 section 4.2.1, asks `decide` (path, Origin, token...),
    /// and answers 101 or an HTTP error.
    ///
    /// On failure the error response has been sent and the socket closed; the
    /// returned `WebSocketUpgradeFailure` is for the log.
    public static func accept(
        _ tcp: TCPConnection,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        handshakeTimeout: Duration = WebSocketHandshake.defaultTimeout,
        decide: @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        plainRequest: WebSocketServer.PlainRequestHandler? = nil
    ) async -> Result<(connection: WebSocketConnection, request: WebSocketUpgradeRequest), WebSocketUpgradeFailure> {
        let head: HTTPRequest
        let rest: [UInt8]
        do {
            (head, rest) = try await WebSocketHandshake.readHead(
                from: tcp, time: time, timeout: handshakeTimeout, reader: { WebSocketHandshake.RequestReader() })
        } catch {
            let failure: WebSocketUpgradeFailure
            switch error {
            case .timedOut:
                failure = .timedOut
                await refuse(tcp, WebSocketHandshakeRejection(status: 408, reason: "handshake not completed in \(handshakeTimeout)"))
            case .disconnected(let why):
                failure = .disconnected(why)
                tcp.close()
            case .invalid(let status, let reason):
                let rejection = WebSocketHandshakeRejection(status: status, reason: reason)
                failure = .invalid(rejection)
                await refuse(tcp, rejection)
            }
            logger.warning("websocket handshake failed", ("client", tcp.remoteAddress), ("error", failure))
            return .failure(failure)
        }
        let request = WebSocketUpgradeRequest(head, remoteAddress: tcp.remoteAddress)
        if let plainRequest, !head.headers.tokens(for: "Upgrade").contains("websocket") {
            // Not asking for a WebSocket at all (any method): an ordinary HTTP request, for the owner's plain routes.
            await plainRequest(head, tcp)
            return .failure(.plainRequest(path: request.path))
        }
        let answer: [WebSocketHeaderField]
        switch WebSocketHandshake.acceptUpgrade(method: request.method, version: request.version, headers: request.headers) {
        case .failure(let rejection):
            await refuse(tcp, rejection)
            logger.warning("websocket handshake refused", ("client", tcp.remoteAddress), ("path", request.path),
                           ("status", rejection.status), ("reason", rejection.reason))
            return .failure(.invalid(rejection))
        case .success(let headers):
            answer = headers
        }
        if case .reject(let status, let reason) = await decide(request) {
            await refuse(tcp, WebSocketHandshakeRejection(status: status, reason: reason))
            logger.warning("websocket upgrade rejected", ("client", tcp.remoteAddress), ("path", request.path),
                           ("origin", request.origin ?? "-"), ("status", status), ("reason", reason))
            return .failure(.rejected(status: status, reason: reason))
        }
        do {
            try await tcp.write(WebSocketHandshake.switchingProtocols(answer).serialized())
        } catch {
            tcp.close()
            return .failure(.disconnected("\(error)"))
        }
        let connection = WebSocketConnection(tcp: tcp, role: .server, configuration: configuration, time: time, logger: logger)
        await connection.start(initialBytes: rest)
        logger.log(configuration.lifecycleLogLevel, "websocket open", [("client", tcp.remoteAddress), ("path", request.path)])
        return .success((connection, request))
    }

    /// Sends an HTTP refusal and closes; a peer already gone is not an error here.
    private static func refuse(_ tcp: TCPConnection, _ rejection: WebSocketHandshakeRejection) async {
        try? await tcp.write(WebSocketHandshake.errorResponse(rejection))
        try? tcp.shutdownWrite()
        tcp.close()
    }
}
