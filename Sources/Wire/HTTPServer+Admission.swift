import Clocks
import HTTPCodec
import Logs
import Sockets

extension HTTPServer {
    /// Why a newcomer was not admitted; its 503 says so.
    enum Refusal {
        case stopping, full, addressFull

        var cause: WebSocketRefusal.Cause {
            switch self {
            case .stopping: .stopping
            case .full: .serverFull
            case .addressFull: .addressFull
            }
        }

        func reason(_ configuration: HTTPServerConfiguration) -> String {
            switch self {
            case .stopping: "server shutting down"
            case .full: "server full (\(configuration.maxConnections) connections)"
            case .addressFull: "too many connections from your address (\(configuration.maxConnectionsPerAddress))"
            }
        }
    }

    /// Counts a newcomer in, or refuses it: shutting down, full, or its address holds its share.
    func admit(_ connection: any ByteStream, in group: inout DiscardingTaskGroup) {
        let client = connection.remoteAddress
        let counted = configuration.countsPerAddress(client)
        let now = time.now
        let admission: Admission = lock.withLock {
            let refusal: Refusal? = if stopping {
                .stopping
            } else if connections.count >= configuration.maxConnections {
                .full
            } else if counted && connectionsByAddress[client.ipv4, default: 0] >= configuration.maxConnectionsPerAddress {
                .addressFull
            } else {
                nil
            }
            if let refusal { return .refused(refusal, unsaid: refusalLog.say(at: now)) }
            nextID += 1
            connections[nextID] = Tracked(connection: connection, countedPerAddress: counted)
            if counted { connectionsByAddress[client.ipv4, default: 0] += 1 }
            return .admitted(nextID)
        }
        switch admission {
        case .refused(let refusal, let unsaid):
            let reason = refusal.reason(configuration)
            // A flood costs one line a second, and the count still says how big it was.
            if let unsaid {
                report(WebSocketRefusal(client: client, cause: refusal.cause, status: 503, reason: reason, unreported: unsaid))
            }
            group.addTask(executorPreference: executor(for: connection)) { await self.refuse(connection, reason: reason) }
        case .admitted(let id):
            logger.debug("connection opened", ("client", client))
            // Everything the route runs for it is this task's child, so it inherits the executor.
            group.addTask(executorPreference: executor(for: connection)) { await self.serve(connection, id: id) }
        }
    }

    /// Where a connection's task runs: a simulation run's executor first; the
    /// stream's own (a TCP socket's reactor) when handlers run there; else the pool.
    private func executor(for connection: any ByteStream) -> (any TaskExecutor)? {
        SimulationExecutor.current ?? (configuration.runsHandlersOnReactor ? connection.preferredExecutor : nil)
    }

    enum Admission {
        case admitted(UInt64)
        /// `unsaid`: nil to stay quiet, else how many refusals went unlogged before this one.
        case refused(Refusal, unsaid: Int?)
    }

    /// Tells the owner of a refusal, before its answer is sent, and writes this server's line about it.
    func report(_ refusal: WebSocketRefusal, at level: LogLevel? = nil) {
        logger.log(min(level ?? configuration.refusalLogLevel, configuration.refusalLogLevel), "connection refused", refusal.logFields)
        refused(refusal)
    }

    /// A plain 503 the client can show, with when to try again, then a graceful close.
    private func refuse(_ connection: any ByteStream, reason: String) async {
        var response = HTTPResponse.text("\(reason)\n", status: 503)
        response.headers.set("Retry-After", "1")
        response.headers.set("Connection", "close")
        await reply(response.serialized(), andCloseGracefully: connection)
    }
}
