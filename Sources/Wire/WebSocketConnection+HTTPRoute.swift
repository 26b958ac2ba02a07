import Clocks
import HTTPCodec
import Logs
import WebSocketCodec

extension WebSocketConnection {
    /// The server side of the opening handshake as an `HTTPServer` route, so one
    /// server (one accept loop, one connection cap, one handshake timeout, one
    /// drain) carries plain HTTP routes and WebSocket endpoints.
    ///
    /// Checks `request` against RFC 6455 section 4.2.1, then asks `decide`
    /// (Origin, token...), and returns the HTTP refusal (with `Connection: close`)
    /// or `.upgrade` with the 101 answer and a takeover that serves the open
    /// connection to `endpoint`. When a handler task returns, the connection is
    /// closed with 1000 if it is still open; when the server begins to shut down,
    /// it is closed with 1001 and `goingAwayReason`. The takeover returns only once the
    /// connection is over, because the HTTP server closes the socket when it returns.
    /// Every upgrade that does not reach `endpoint` (not a valid upgrade, refused by
    /// `decide`, or opened after shutdown began) is told to `refused` before its answer.
    public static func upgradeReply(
        to request: HTTPRequest, on connection: HTTPConnectionInfo,
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        goingAwayReason: String = "server shutting down",
        refused: @escaping @Sendable (WebSocketRefusal) -> Void = { _ in },
        decide: @Sendable (WebSocketUpgradeRequest) async -> WebSocketUpgradeDecision = { _ in .accept },
        endpoint: WebSocketEndpoint
    ) async -> HTTPReply {
        let client = connection.remoteAddress
        let upgrade = WebSocketUpgradeRequest(request, remoteAddress: client)
        @Sendable func report(_ cause: WebSocketRefusal.Cause, _ status: Int?, _ reason: String) {
            let refusal = WebSocketRefusal(client: client, cause: cause, status: status, reason: reason,
                                           path: upgrade.path, origin: upgrade.origin)
            logRefusal(refusal, logger: logger, configuration: configuration)
            refused(refusal)
        }
        let fields: [WebSocketHeaderField]
        switch WebSocketHandshake.acceptUpgrade(method: upgrade.method, version: upgrade.version, headers: upgrade.headers) {
        case .failure(let rejection):
            report(.badHandshake, rejection.status, rejection.reason)
            return .response(refusal(rejection))
        case .success(let accepted):
            fields = accepted
        }
        if case .reject(let status, let reason) = await decide(upgrade) {
            report(.rejected, status, reason)
            return .response(refusal(WebSocketHandshakeRejection(status: status, reason: reason)))
        }
        return .upgrade(WebSocketHandshake.switchingProtocols(fields)) { upgraded in
            // This task keeps the frames of what runs from here for as long as the connection lives:
            // whatever is not needed while it is open is done in plain functions before the first wait.
            let connection = opened(upgraded, path: upgrade.path, configuration: configuration, time: time, logger: logger)
            let goingAway: @Sendable () async -> Void = { await connection.close(code: .goingAway, reason: goingAwayReason) }
            // Open, but too late for the handler: the owner never sees it, so it is told as a refusal.
            let tooLate: @Sendable () -> Void = { report(.stopping, nil, goingAwayReason) }
            switch endpoint {
            case .messages(let body):
                await connection.serve(upgraded, messages: body, goingAway: goingAway, tooLate: tooLate)
            case .task(let handler):
                await connection.serve(upgraded, handler: { await handler($0, upgrade) }, goingAway: goingAway, tooLate: tooLate)
            }
        }
    }

    /// The connection over an upgraded stream, its open line logged. Its timers
    /// join the server's shared driver when they run on the server's clock.
    @inline(never)
    private static func opened(
        _ upgraded: HTTPUpgradedConnection, path: String, configuration: WebSocketConfiguration, time: any TimeSource, logger: Logger
    ) -> WebSocketConnection {
        let connection = WebSocketConnection(stream: upgraded.stream, role: .server, configuration: configuration, time: time,
                                             logger: logger, deadlines: upgraded.server.webSocketDeadlines)
        logger.log(configuration.lifecycleLogLevel, "websocket open", [("client", connection.remoteAddress), ("path", path)])
        return connection
    }

    /// Serves an upgraded connection with a message callback, in the calling
    /// task (the server's connection task, which it keeps for as long as the
    /// connection lives: so this frame and the ones below it are small).
    @inline(never)
    private func serve(_ upgraded: HTTPUpgradedConnection, messages body: @escaping MessageHandler,
                       goingAway: @escaping @Sendable () async -> Void, tooLate: @Sendable () -> Void) async {
        let inTime = await upgraded.onServerShutdown(goingAway)
        if !inTime {
            tooLate()
            close(code: .normalClosure)
        }
        await run(initialBytes: upgraded.bufferedBytes, messages: inTime ? body : nil)
        _ = await closed()
    }

    /// Serves an upgraded connection with a handler task, a child of the
    /// calling one; the loop runs in the caller's task.
    @inline(never)
    private func serve(_ upgraded: HTTPUpgradedConnection, handler: @escaping @Sendable (WebSocketConnection) async -> Void,
                       goingAway: @escaping @Sendable () async -> Void, tooLate: @escaping @Sendable () -> Void) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                if await upgraded.onServerShutdown(goingAway) { await handler(self) } else { tooLate() }
                await self.close(code: .normalClosure)
            }
            await run(initialBytes: upgraded.bufferedBytes)
        }
        _ = await closed()
    }

    /// This layer's line about a refusal: at the lifecycle level when that is
    /// debug (the owner logs refusals), otherwise a warning, as the only line.
    static func logRefusal(_ refusal: WebSocketRefusal, logger: Logger, configuration: WebSocketConfiguration) {
        let level = configuration.lifecycleLogLevel
        logger.log(level <= .debug ? level : .warning, "connection refused", refusal.logFields)
    }

    /// A handshake refusal ends the connection, as an HTTP error does: the client
    /// asked for another protocol, not for a page.
    private static func refusal(_ rejection: WebSocketHandshakeRejection) -> HTTPResponse {
        var response = rejection.response
        response.headers.set("Connection", "close")
        return response
    }
}
