import Clocks
import Foundation
import JSONValue
import Logs
import Wire

/// The 3004 WebSocket API: accepts clients (Origin, token, connection cap),
/// reads each client's messages without ever waiting for the drone (each
/// request runs in its own task), answers the requester if it is still
/// there and broadcasts what the original broadcast.
public final class AgentServer: Sendable {
    public struct Limits: Sendable {
        /// Open connections at most; more are closed with 1013 (try again later).
        public var connections = 64
        /// Requests of one client being handled at once; more are answered with an error.
        public var requestsInFlight = 16
        public init() {}
    }

    public let hub: SessionHub
    public let router: RequestRouter
    private let server: WebSocketServer
    private let logger: Logger
    private let limits: Limits
    public var localAddress: SocketAddress { server.localAddress }

    private init(server: WebSocketServer, hub: SessionHub, router: RequestRouter, limits: Limits, logger: Logger) {
        self.server = server
        self.hub = hub
        self.router = router
        self.limits = limits
        self.logger = logger
    }

    public static func start(on address: SocketAddress, router: RequestRouter, access: AccessPolicy,
                             limits: Limits = Limits(), perAddress: Int = WebSocketServer.defaultMaxConnectionsPerAddress,
                             websocket: WebSocketConfiguration = .init(),
                             time: any TimeSource, logger: Logger) throws -> AgentServer {
        let hub = SessionHub(limit: limits.connections)
        let box = LateBound<AgentServer>()
        let server = try WebSocketServer.start(
            on: address, configuration: websocket, time: time, logger: logger.named("websocket"),
            limits: WebSocketServerLimits(perAddress: perAddress),
            decide: { request in
                let decision = access.decide(request)
                if case .reject(let status, let reason) = decision {
                    logger.warning("connection refused", ("client", request.remoteAddress), ("status", status), ("reason", reason))
                }
                return decision
            },
            handler: { connection, request in await box.value?.serve(connection, request) })
        let agent = AgentServer(server: server, hub: hub, router: router, limits: limits, logger: logger)
        box.value = agent
        return agent
    }

    /// Stops accepting and closes every client with 1001 (going away).
    public func close(reason: String = "agent shutting down") async {
        server.close()
        for session in await hub.all {
            await session.connection.close(code: .goingAway, reason: reason)
        }
    }

    // MARK: - One client

    func serve(_ connection: WebSocketConnection, _ request: WebSocketUpgradeRequest) async {
        let client = connection.remoteAddress
        guard let session = await hub.add(connection) else {
            logger.warning("connection refused: too many clients", ("client", client), ("limit", limits.connections))
            await connection.close(code: .tryAgainLater, reason: "too many connections")
            return
        }
        logger.info("client connected", ("client", client), ("origin", request.origin ?? "none"))
        await reply(AgentMessage.connectionEstablished(router.language), type: "connection_established", to: session)
        let inFlight = InFlightCount()
        await withTaskGroup(of: Void.self) { requests in
            while let message = await connection.receive() {
                let text: String? = switch message {
                case .text(let text): text
                case .binary(let bytes): String(validating: bytes, as: UTF8.self)
                }
                guard inFlight.enter(limit: limits.requestsInFlight) else {
                    logger.warning("request refused: too many in flight", ("client", client), ("limit", limits.requestsInFlight))
                    await reply(AgentMessage.error(.tooManyRequests(limits.requestsInFlight), router.language), type: "error", to: session)
                    continue
                }
                requests.addTask {
                    await self.handle(text, from: session)
                    inFlight.leave()
                }
            }
            let info = await connection.closed()
            if await hub.remove(session) { logClose(info, client: client) }
            // Requests still running finish; their answers go to the others only.
        }
    }

    private func handle(_ text: String?, from session: AgentSession) async {
        let (decoded, id) = text.map(AgentRequest.decode) ?? (.failure(.invalidJSON), nil)
        let request: AgentRequest
        switch decoded {
        case .failure(let error):
            logger.info("bad message", ("client", session.address), ("error", "\(error)"))
            await reply(AgentMessage.error(error.text, id: id, router.language), type: "error", to: session)
            return
        case .success(let value):
            request = value
        }
        logger.info("request", ("client", session.address), ("type", request.type), ("id", request.id?.text ?? "none"))
        if request.type == "set_status_updates" {
            let enabled = request.data["enabled"]?.boolValue ?? true
            await hub.setStatusUpdates(enabled, for: session)
            await reply(AgentMessage.response(to: request.type, id: request.id, ["success": true, "enabled": .bool(enabled)]),
                        type: request.type, to: session)
            return
        }
        let response = await router.handle(request)
        await reply(response, type: request.type, to: session)
        if RequestRouter.broadcastTypes.contains(request.type) {
            await hub.broadcast(response, except: session)
        }
    }

    /// Sends to one client; if it is gone, one warning naming the message type.
    private func reply(_ message: JSONValue, type: String, to session: AgentSession) async {
        if case .notSent(let reason) = await session.send(message) {
            logger.warning("response not delivered", ("client", session.address), ("type", type), ("reason", "\(reason)"))
        }
    }

    /// The seed's close logging: clean closes (1000, 1001, 1005) at info,
    /// 1006 and error codes at warning; always address, code and reason.
    private func logClose(_ info: WebSocketCloseInfo, client: SocketAddress) {
        let level: LogLevel = info.severity == .clean ? .info : .warning
        logger.log(level, "client disconnected", [
            ("client", client), ("code", info.reportedCode.rawValue), ("reason", info.reason),
            ("initiator", info.initiator.rawValue), ("class", info.severity.rawValue),
        ])
    }
}

/// Requests of one client being handled. `@unchecked Sendable`: `count` only under `lock`.
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
