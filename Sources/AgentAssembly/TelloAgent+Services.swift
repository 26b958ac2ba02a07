import Agent
import Clocks
import Lifetimes
import Logs

extension TelloAgent {
    /// Runs the agent until `stop` yields (a signal's name) or a part ends on
    /// its own, then shuts it down as docs/agent.md ("Shutting down") says:
    /// the agent's own goodbye first, then each part in the reverse of the
    /// order it started, within `options.shutdownGrace`.
    package func run(until stop: AsyncStream<String>) async -> ServiceGroup.Report {
        let group = ServiceGroup(services(), gracePeriod: options.shutdownGrace, time: networkTime,
                                 logger: logger.named("lifetimes"))
        return await group.run(until: stop)
    }

    /// The parts in start order. The simulator and the WebSocket server were
    /// started by `start` (they own their loops); their services end them.
    private func services() -> [any Service] {
        var parts: [any Service] = []
        if let simulator { parts.append(WindDownService("simulator") { await simulator.stop() }) }
        parts.append(LoopService("drone link") { [drone] in await drone.run() })
        // Ends before the link: the relay's viewers are gone by then (the agent's goodbye closed them).
        parts.append(WindDownService("video") { [video, recording] in
            await video.ingress.close()
            video.relay.finishAll()
            await recording?.finish()
        })
        parts.append(LoopService("bridge3002") { [bridge] in await bridge.run() })
        parts.append(LoopService("drone status") { [options, time] in
            await self.broadcastStatus(every: options.statusInterval, time: time)
        })
        parts.append(WindDownService("agent") { await self.sayGoodbye() })
        return parts
    }

    /// The shutdown phase clients see: new requests refused and the running
    /// plan cancelled, a flying drone landed, then every client closed with
    /// 1001 and its close awaited.
    private func sayGoodbye() async {
        await executor.shutdown()
        logger.info("shutting down: refusing new requests")
        if await drone.isFlying {
            let landed = await drone.perform(.land, name: "land")
            logger.info("landed before exit", ("success", landed.success))
        }
        await server.close()
    }

    /// `drone_status` to every client that wants it, while the drone is connected
    /// (and once more when it stops being connected, so pages see the change).
    private func broadcastStatus(every interval: Duration, time: any TimeSource) async {
        var wasConnected = false
        while !Task.isCancelled {
            do { try await time.sleep(for: interval) } catch { return }
            wasConnected = await broadcastStatus(unlessDisconnectedSince: wasConnected)
        }
    }

    /// One step of the status loop: the drone's snapshot, rendered once and
    /// handed to every client that wants status, when the drone is connected
    /// or `wasConnected` (so pages see it go). Returns whether it is connected.
    /// agent-bench times this step: it is the path a status takes.
    @discardableResult
    package func broadcastStatus(unlessDisconnectedSince wasConnected: Bool = true) async -> Bool {
        let status = await drone.snapshot
        if status.connected || wasConnected {
            await server.hub.broadcast(AgentMessage.droneStatus(status), statusOnly: true)
        }
        return status.connected
    }
}

extension TelloAgent {
    /// Runs the agent while `body` runs, then shuts it down (as a signal
    /// would) and awaits the end of every part: for tests, benches and
    /// embedders that own the agent for one scope. Returns `body`'s result
    /// with the group's report, so a teardown that overran or failed is seen.
    package func whileRunning<T: Sendable>(_ body: () async throws -> T) async throws -> (result: T, report: ServiceGroup.Report) {
        let (stop, stopper) = AsyncStream<String>.makeStream()
        async let report = run(until: stop)
        do {
            let result = try await body()
            stopper.yield("scope ended")
            return (result, await report)
        } catch {
            stopper.yield("scope failed")
            _ = await report
            throw error
        }
    }
}
