import Clocks
import FlightRecord
import Foundation
import JSONValue
import Lifetimes
import Logs
import Networks
import Sockets
import WebSocketCodec
import Wire

/// The 3004 WebSocket API: accepts clients (Origin, token, connection cap),
/// reads each client's messages without ever waiting for the drone, answers
/// the requester if it is still there and broadcasts what the original
/// broadcast. How each request is scheduled is its `RequestLane`: urgent ones
/// at once, reads concurrently, the rest one at a time in arrival order.
package final class AgentServer: Sendable {
    package struct Limits: Sendable {
        /// Open connections at most; more are closed with 1013 (try again later).
        package var connections = 64
        /// Reads of one client being handled at once; more are answered with an error.
        package var requestsInFlight = 16
        /// State-changing requests of one client waiting behind the one being
        /// carried out; more are answered with an error carrying their `id`.
        package var queuedRequests = 16
        package init() {}
    }

    package let hub: SessionHub
    package let router: RequestRouter
    /// Video for the clients that ask (`start_video`); nil: `start_video` only switches the drone's stream.
    let video: VideoService?
    private let server: HTTPServer
    private let logger: Logger
    private let limits: Limits
    private let time: any TimeSource
    package var localAddress: SocketAddress { server.localAddress }

    private init(server: HTTPServer, hub: SessionHub, router: RequestRouter, video: VideoService?, limits: Limits,
                 time: any TimeSource, logger: Logger) {
        self.server = server
        self.time = time
        self.hub = hub
        self.router = router
        self.video = video
        self.limits = limits
        self.logger = logger
    }

    /// Serves the WebSocket API on every path of `address`, and plain HTTP (the
    /// console's pages, `httpRoutes`) on the same port and server. A request asking
    /// for a WebSocket upgrade always goes to the API; a plain request goes to the
    /// console when there is one, else to `httpRoutes`, and one they do not know
    /// gets the WebSocket refusal (426), as on an agent without pages.
    /// Requests carry no body here (413): nothing the agent serves takes one.
    /// `hub`: given when something built before the server (the executor's
    /// progress broadcasts) needs to reach its clients.
    package static func start(on address: SocketAddress, hub: SessionHub? = nil, router: RequestRouter, access: AccessPolicy,
                             limits: Limits = Limits(), serverLimits: WebSocketServerLimits = .init(),
                             websocket: WebSocketConfiguration = .init(), video: VideoService? = nil,
                             console: Console? = nil, httpRoutes: HTTPRouter = HTTPRouter(),
                             network: any StreamNetwork = TCPNetwork(),
                             time: any TimeSource, logger: Logger) throws -> AgentServer {
        let hub = hub ?? SessionHub(limit: limits.connections)
        // The handler needs the server that wraps it: bound once both exist, before the first client.
        let box = LateBound<AgentServer>()
        // The agent logs each open, refusal and close itself, with what they
        // meant for the session; the server's and WebSocket layer's own lines go to debug.
        var websocket = websocket
        websocket.lifecycleLogLevel = .debug
        let recorder = hub.recorder
        let refused: @Sendable (WebSocketRefusal) -> Void = { refusal in
            logger.log(.warning, "connection refused", refusal.logFields)
            recorder?.record(.wsRefused(address: "\(refusal.client)", status: refusal.status ?? 0, reason: refusal.reason,
                                         path: refusal.path, origin: refusal.origin))
        }
        var routes = httpRoutes
        routes.webSocket(
            "*", configuration: websocket, time: time, logger: logger.named("websocket"),
            goingAwayReason: "agent shutting down", refused: refused,
            decide: { request in access.decide(request) },
            endpoint: .task { connection, request in await box.value?.serve(connection, request) })
        var configuration = serverLimits.serverConfiguration(closeTimeout: websocket.closeTimeout)
        configuration.refusalLogLevel = .debug
        let server = try HTTPServer(listener: network.listen(on: address), configuration: configuration, time: time,
                                    logger: logger.named("websocket"), refused: refused,
                                    handler: handler(routes, console: console, video: video, logger: logger))
        let agent = AgentServer(server: server, hub: hub, router: router, video: video, limits: limits, time: time,
                                logger: logger)
        box.value = agent
        return agent
    }

    /// `routes`, with the console (when there is one) answering every request that asks for no upgrade.
    private static func handler(_ routes: HTTPRouter, console: Console?, video: VideoService?, logger: Logger) -> HTTPHandler {
        let routed = routes.handler
        guard let console else { return routed }
        let pages = logger.named("console")
        return { request, connection in
            if request.headers.tokens(for: "Upgrade").contains("websocket") { return try await routed(request, connection) }
            // The console answers on the connection itself (a page, or the video stream until the client leaves).
            return .takeover { upgraded in await servePlain(request, on: upgraded.stream, console: console, video: video, logger: pages) }
        }
    }

    /// Stops accepting, closes every client with 1001 (going away) and returns
    /// once each close is over (the client answered it, or the close timeout
    /// passed) and each session's end was handled and logged: what the
    /// clients were told has left the process before it exits. Cancelled
    /// (the shutdown's grace period is over), it drops the connections still
    /// open instead of waiting for them.
    package func close() async {
        let clients = await hub.count
        logger.info("closing clients", ("count", clients), ("code", WebSocketCloseCode.goingAway.rawValue))
        let closed = Latch()
        await withTaskGroup(of: Void.self) { [server, hub] group in
            group.addTask {
                await server.shutdown()
                await hub.untilEmpty()
                closed.open()
            }
            await closed.wait()
            guard !closed.isOpen else { return }
            // The close handshakes do not end on cancellation; dropping the connections ends them.
            for session in await hub.all { await session.connection.abort(reason: "shutdown grace period over") }
        }
        logger.info("clients closed", ("count", clients))
    }

    // MARK: - One client

    /// One client's connection: the read loop, one worker carrying out its
    /// ordered requests, and a task per read or urgent request, all children
    /// of this call. When the client leaves, what it already sent is still
    /// carried out (a `land` queued behind a move must not be lost); the
    /// answers go to the others only.
    func serve(_ connection: WebSocketConnection, _ request: WebSocketUpgradeRequest) async {
        let log = logger.with(("client", connection.remoteAddress))
        let greeting = AgentMessage.connectionEstablished(router.language)
        guard let (session, greeted) = await hub.add(connection, greeting: greeting, logger: log, request: request) else {
            log.warning("connection refused", ("cause", "too_many_clients"), ("code", WebSocketCloseCode.tryAgainLater.rawValue),
                        ("limit", limits.connections))
            hub.recorder?.record(.wsRefused(address: "\(connection.remoteAddress)", status: Int(WebSocketCloseCode.tryAgainLater.rawValue),
                                            reason: "too many connections"))
            await connection.close(code: .tryAgainLater, reason: "too many connections")
            return
        }
        log.info("client connected", ("origin", request.origin ?? "none"))
        if case .notSent(let reason) = greeted {
            log.warning("response not delivered", ("type", "connection_established"), ("reason", "\(reason)"))
        }
        let (ordered, queue) = AsyncStream.makeStream(of: Admitted.self, bufferingPolicy: .bufferingOldest(limits.queuedRequests))
        let reads = InFlightCount()
        var said = ClientLogThrottles()
        // Discarding: a task per read or urgent request is freed when it ends. A plain group
        // keeps every finished child until it is awaited, so a long session held a task's
        // memory (about 11 KiB) for each request it ever made.
        await withDiscardingTaskGroup { tasks in
            tasks.addTask {
                for await next in ordered { await self.handle(next.request, admitted: next.mark, from: session) }
            }
            while let message = await connection.receive() {
                let text: String? = switch message {
                case .text(let text): text
                case .binary(let bytes): String(validating: bytes, as: UTF8.self)
                }
                if let recorder = session.recorder {
                    switch message {
                    case .text(let text): recorder.record(.wsInText(client: session.recordName, text: text))
                    case .binary(let bytes): recorder.record(.wsInBinary(client: session.recordName, count: bytes.count))
                    }
                }
                await admit(text, from: session, reads: reads, queue: queue, said: &said, tasks: &tasks)
            }
            queue.finish()
            let info = await connection.closed()
            session.recordClose(info)
            if await hub.remove(session) { logClose(info, to: log) }
        }
        // After the group: a `start_video` still queued when the client left is carried out
        // above, and only its departure here turns the stream off again.
        await video?.left(key: Self.videoKey(session))
    }

    /// A line for each request, at info, with its action: what a client asked
    /// for is what an operator reads the log for. A client may poll reads
    /// hundreds of times a second, so those are said at info at most once a
    /// second per client, with the count left unsaid since, and each at debug.
    private func logRequest(_ request: AgentRequest, lane: RequestLane, from session: AgentSession, said: inout ClientLogThrottles) {
        var fields: [(String, any CustomStringConvertible)] = [("type", request.type)]
        if let action = request.data["action"]?.stringValue { fields.append(("action", action)) }
        fields.append(("id", request.id?.text ?? "none"))
        guard lane == .read else {
            session.logger.log(.info, "request", fields)
            return
        }
        if let unsaid = said.reads.say(at: time.now) {
            session.logger.log(.info, "request", fields + [("unsaid", unsaid)])
        } else {
            session.logger.log(.debug, "request", fields)
        }
    }

    /// Decodes one message and schedules it by its lane. Only decoding and
    /// bookkeeping happen here, so the loop is back at the socket at once.
    private func admit(_ text: String?, from session: AgentSession, reads: InFlightCount,
                       queue: AsyncStream<Admitted>.Continuation, said: inout ClientLogThrottles,
                       tasks: inout DiscardingTaskGroup) async {
        let (decoded, id) = text.map(AgentRequest.decode) ?? (.failure(.invalidJSON), nil)
        let request: AgentRequest
        switch decoded {
        case .failure(let error):
            if let unsaid = said.badMessage.say(at: time.now) {
                session.logger.info("bad message", ("error", "\(error)"), ("unsaid", unsaid))
            }
            await reply(AgentMessage.error(error.text, id: id, router.language), type: "error", to: session)
            return
        case .success(let value):
            request = value
        }
        let lane = RequestLane(request)
        logRequest(request, lane: lane, from: session, said: &said)
        switch lane {
        case .urgent:
            // Recorded before anything else can run; no cap, no queue, no planner in between.
            let mark = router.admit(request)
            tasks.addTask(priority: .high) {
                // A plan this cancels reports after this answer (`Executor.answer`), whatever happens to it.
                let answered = Latch()
                defer { answered.open() }
                await Executor.$answer.withValue(answered) { await self.handle(request, admitted: mark, from: session) }
            }
        case .session:
            let fields: [String: JSONValue]
            switch request.bool("enabled", default: true) {
            case .success(let enabled):
                await hub.setStatusUpdates(enabled, for: session)
                fields = ["success": true, "enabled": .bool(enabled)]
            case .failure(let why):
                fields = ["success": false, "error": .string(why.render(router.language))]
            }
            await reply(AgentMessage.response(to: request.type, id: request.id, fields), type: request.type, to: session)
        case .read:
            guard reads.enter(limit: limits.requestsInFlight) else {
                if let unsaid = said.tooManyInFlight.say(at: time.now) {
                    session.logger.warning("request refused: too many in flight", ("limit", limits.requestsInFlight), ("unsaid", unsaid))
                }
                await reply(AgentMessage.error(.tooManyRequests(limits.requestsInFlight), id: request.id, router.language),
                            type: "error", to: session)
                return
            }
            tasks.addTask {
                await self.handle(request, admitted: nil, from: session)
                reads.leave()
            }
        case .ordered:
            if case .enqueued = queue.yield(Admitted(request: request, mark: router.admit(request))) { return }
            if let unsaid = said.tooManyQueued.say(at: time.now) {
                session.logger.warning("request refused: too many queued", ("type", request.type), ("limit", limits.queuedRequests),
                                       ("unsaid", unsaid))
            }
            await reply(AgentMessage.error(.tooManyQueued(limits.queuedRequests), id: request.id, router.language),
                        type: "error", to: session)
        }
    }

    private func handle(_ request: AgentRequest, admitted: Interruptions.Mark?, from session: AgentSession) async {
        let response = if let video, let on = Self.videoSwitch(request) {
            await videoResponse(request, on: on, video: video, session: session)
        } else {
            await router.handle(request, admitted: admitted)
        }
        #if DEBUG
            if router.plantedAnswersTwice, request.type == "drone_command", response["success"] == .bool(false) {
                await reply(response, type: request.type, to: session)
            }
        #endif
        guard RequestRouter.broadcastTypes.contains(request.type) else {
            return await reply(response, type: request.type, to: session)
        }
        // Rendered and framed once for the requester and every other client.
        let prepared = WebSocketPreparedMessage(text: response.text)
        if case .notSent(let reason) = await session.send(prepared) {
            session.logger.warning("response not delivered", ("type", request.type), ("reason", "\(reason)"))
        }
        await hub.broadcast(prepared, except: session)
    }

    /// Sends to one client; if it is gone, one warning naming the message type.
    private func reply(_ message: JSONValue, type: String, to session: AgentSession) async {
        if case .notSent(let reason) = await session.send(message) {
            session.logger.warning("response not delivered", ("type", type), ("reason", "\(reason)"))
        }
    }

    /// The original agent's close logging: clean closes (1000, 1001, 1005) at info,
    /// 1006 and error codes at warning; always address (bound to `log`), code and reason.
    private func logClose(_ info: WebSocketCloseInfo, to log: Logger) {
        let level: LogLevel = info.severity == .clean ? .info : .warning
        log.log(level, "client disconnected", [
            ("code", info.reportedCode.rawValue), ("reason", info.reason),
            ("initiator", info.initiator.rawValue), ("class", info.severity.rawValue),
        ])
    }
}

/// A state-changing request waiting its turn, with the moment it arrived.
private struct Admitted: Sendable {
    let request: AgentRequest
    let mark: Interruptions.Mark
}

/// Reads of one client being handled. `@unchecked Sendable`: `count` only under `lock`.
private final class InFlightCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func enter(limit: Int) -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }
    func leave() { lock.withLock { count -= 1 } }
}
