import Clocks
import HTTPCodec
import Logs
import Sockets
import WebSocketCodec

extension WebSocketConnection {
    /// Runs the server side of the opening handshake on an accepted TCP
    /// connection: reads the request (bounded in size and time), checks it
    /// against RFC 6455 section 4.2.1, asks `decide` (path, Origin, token...),
    /// and answers 101 or an HTTP error.
    ///
    /// Every way it can fail is told to `refused` before any answer is sent,
    /// so whoever sees the answer can count on the refusal being known; this
    /// layer's own line about it is at `configuration.lifecycleLogLevel`
    /// (warning when that is above debug). On failure the error response has
    /// been sent and the socket closed.
    public static func accept(
        _ tcp: TCPConnection,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        handshakeTimeout: Duration = WebSocketHandshake.defaultTimeout,
        refused: @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        plainRequest: WebSocketServer.PlainRequestHandler? = nil
    ) async -> Result<(connection: WebSocketConnection, request: WebSocketUpgradeRequest), WebSocketUpgradeFailure> {
        let client = tcp.remoteAddress
        func report(_ refusal: WebSocketRefusal) {
            logRefusal(refusal, logger: logger, configuration: configuration)
            refused(refusal)
        }
        let head: HTTPRequest
        let rest: [UInt8]
        do {
            (head, rest) = try await WebSocketHandshake.readHead(
                from: tcp, time: time, timeout: handshakeTimeout, reader: { WebSocketHandshake.RequestReader() })
        } catch {
            switch error {
            case .timedOut:
                let rejection = WebSocketHandshakeRejection(status: 408, reason: "handshake not completed in \(handshakeTimeout)")
                report(WebSocketRefusal(client: client, cause: .handshakeTimeout, status: 408, reason: rejection.reason))
                await refuse(tcp, rejection)
                return .failure(.timedOut)
            case .disconnected(let why):
                report(WebSocketRefusal(client: client, cause: .handshakeAbandoned, status: nil, reason: why))
                tcp.close()
                return .failure(.disconnected(why))
            case .invalid(let status, let reason):
                let rejection = WebSocketHandshakeRejection(status: status, reason: reason)
                report(WebSocketRefusal(client: client, cause: .badHandshake, status: status, reason: reason))
                await refuse(tcp, rejection)
                return .failure(.invalid(rejection))
            }
        }
        let request = WebSocketUpgradeRequest(head, remoteAddress: client)
        func refusal(_ cause: WebSocketRefusal.Cause, _ status: Int?, _ reason: String) -> WebSocketRefusal {
            WebSocketRefusal(client: client, cause: cause, status: status, reason: reason, path: request.path, origin: request.origin)
        }
        if let plainRequest, !head.headers.tokens(for: "Upgrade").contains("websocket") {
            // Not asking for a WebSocket at all (any method): an ordinary HTTP request, for the owner's plain routes.
            await plainRequest(head, tcp)
            return .failure(.plainRequest(path: request.path))
        }
        let answer: [WebSocketHeaderField]
        switch WebSocketHandshake.acceptUpgrade(method: request.method, version: request.version, headers: request.headers) {
        case .failure(let rejection):
            report(refusal(.badHandshake, rejection.status, rejection.reason))
            await refuse(tcp, rejection)
            return .failure(.invalid(rejection))
        case .success(let headers):
            answer = headers
        }
        if case .reject(let status, let reason) = await decide(request) {
            report(refusal(.rejected, status, reason))
            await refuse(tcp, WebSocketHandshakeRejection(status: status, reason: reason))
            return .failure(.rejected(status: status, reason: reason))
        }
        do {
            try await tcp.write(WebSocketHandshake.switchingProtocols(answer).serialized())
        } catch {
            report(refusal(.handshakeAbandoned, nil, "peer left before the 101 answer: \(error)"))
            tcp.close()
            return .failure(.disconnected("\(error)"))
        }
        let connection = WebSocketConnection(tcp: tcp, role: .server, configuration: configuration, time: time, logger: logger)
        await connection.start(initialBytes: rest)
        logger.log(configuration.lifecycleLogLevel, "websocket open", [("client", client), ("path", request.path)])
        return .success((connection, request))
    }

    /// This layer's line about a refusal: at the lifecycle level when that is
    /// debug (the owner logs refusals), otherwise a warning, as the only line.
    static func logRefusal(_ refusal: WebSocketRefusal, logger: Logger, configuration: WebSocketConfiguration) {
        let level = configuration.lifecycleLogLevel
        logger.log(level <= .debug ? level : .warning, "connection refused", refusal.logFields)
    }

    /// Sends an HTTP refusal and closes; a peer already gone is not an error here.
    private static func refuse(_ tcp: TCPConnection, _ rejection: WebSocketHandshakeRejection) async {
        try? await tcp.write(WebSocketHandshake.errorResponse(rejection))
        try? tcp.shutdownWrite()
        tcp.close()
    }
}
