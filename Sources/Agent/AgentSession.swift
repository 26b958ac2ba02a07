import JSONValue
import Lifetimes
import Logs
import Sockets
import WebSocketCodec
import Wire

/// One connected client: its WebSocket, a logger bound to its address (so
/// every line about the session names the client), and its preferences. Sending never throws: a closed connection is an outcome the
/// caller logs once with the message type (the original agent's field failure was an
/// exception from exactly that send).
package final class AgentSession: Sendable, Hashable {
    package let id: UInt64
    package let connection: WebSocketConnection
    package var address: SocketAddress { connection.remoteAddress }
    /// Every line about this session carries `client=<address>`.
    let logger: Logger

    init(id: UInt64, connection: WebSocketConnection, logger: Logger) {
        self.id = id
        self.connection = connection
        self.logger = logger
    }

    /// Sends one message; `.notSent` when the client is gone or going.
    @discardableResult
    package func send(_ message: JSONValue) async -> WebSocketSendOutcome {
        await connection.send(text: message.text)
    }

    /// Sends a message rendered and framed once for every client (a broadcast).
    @discardableResult
    func send(_ prepared: WebSocketPreparedMessage) async -> WebSocketSendOutcome {
        await connection.send(prepared)
    }

    package static func == (lhs: AgentSession, rhs: AgentSession) -> Bool { lhs.id == rhs.id }
    package func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Every open session, and the only place sessions are added and removed:
/// `remove` reports whether it removed anything, so a session is removed,
/// and its departure logged, exactly once.
package actor SessionHub {
    private var sessions: [UInt64: AgentSession] = [:]
    private var statusOptOut: Set<UInt64> = []
    private var nextID: UInt64 = 0
    private var joining = 0
    /// Opened when the last session is removed (shutdown waits for it).
    private var emptied: Latch?
    package let limit: Int

    /// `limit` caps open connections so a flood cannot exhaust descriptors.
    package init(limit: Int) {
        self.limit = limit
    }

    package var count: Int { sessions.count }

    /// Registers a new connection after queueing `greeting` to it, or nil
    /// when the hub is full. The greeting is queued before the session is
    /// visible to `broadcast`, so it is the client's first message (the
    /// original's clients check that) even when a broadcast runs meanwhile;
    /// `joining` keeps the place counted while it is queued.
    func add(_ connection: WebSocketConnection, greeting: JSONValue,
             logger: Logger) async -> (session: AgentSession, greeted: WebSocketSendOutcome)? {
        guard sessions.count + joining < limit else { return nil }
        nextID += 1
        let session = AgentSession(id: nextID, connection: connection, logger: logger)
        joining += 1
        let greeted = await session.send(greeting)
        joining -= 1
        sessions[session.id] = session
        return (session, greeted)
    }

    /// True the first time only.
    func remove(_ session: AgentSession) -> Bool {
        statusOptOut.remove(session.id)
        let removed = sessions.removeValue(forKey: session.id) != nil
        if isEmpty {
            emptied?.open()
            emptied = nil
        }
        return removed
    }

    /// Every session, in the order they joined, for shutdown.
    var all: [AgentSession] { joinOrder }

    /// Sessions in the order they joined (ids grow). Never a dictionary's own
    /// order: that changes from one run to the next (hashing is seeded per
    /// process), and so would the order clients are written to, and with it
    /// a replayed run's interleaving.
    private var joinOrder: [AgentSession] { sessions.keys.sorted().compactMap { sessions[$0] } }

    private var isEmpty: Bool { sessions.isEmpty && joining == 0 }

    /// Returns once no session is left (each one's end handled and logged),
    /// or when the calling task is cancelled.
    func untilEmpty() async {
        guard !isEmpty else { return }
        let latch = emptied ?? Latch()
        emptied = latch
        await latch.wait()
    }

    /// Clients can stop `drone_status` broadcasts for themselves.
    func setStatusUpdates(_ enabled: Bool, for session: AgentSession) {
        if enabled { statusOptOut.remove(session.id) } else { statusOptOut.insert(session.id) }
    }

    /// Sends `message` to every session but `excluded`; returns how many took it.
    @discardableResult
    package func broadcast(_ message: JSONValue, except excluded: AgentSession? = nil, statusOnly: Bool = false) async -> Int {
        await broadcast(WebSocketPreparedMessage(text: message.text), except: excluded, statusOnly: statusOnly)
    }

    /// Sends one rendered and framed message to every session but `excluded`:
    /// the same bytes to each (server frames are unmasked), so per client only
    /// a reference to them is queued for its connection; no task and no copy
    /// per client. A client that is gone is skipped (its own loop removes it).
    @discardableResult
    func broadcast(_ prepared: WebSocketPreparedMessage, except excluded: AgentSession? = nil, statusOnly: Bool = false) async -> Int {
        var delivered = 0
        for session in joinOrder where session != excluded && !(statusOnly && statusOptOut.contains(session.id)) {
            if case .sent = await session.send(prepared) { delivered += 1 }
        }
        return delivered
    }
}
