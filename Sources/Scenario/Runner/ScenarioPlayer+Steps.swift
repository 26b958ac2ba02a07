import Foundation
import JSONValue
import Logs
import TelloSim

extension ScenarioPlayer {
    /// Performs one step; nil if it held.
    func perform(_ step: ScenarioStep) async -> StepProblem? {
        do {
            switch step.action {
            case .connect(let spec): try await connect(spec, seed: scenario.seed &+ UInt64(step.index) &* 7919)
            case .send(let name, let payload):
                let client = try client(name)
                await settle()  // what the agent sends first is recorded first, every run
                record(.sent(client: name, payload: payload))
                try await client.send(payload)
            case .expect(let name, let pattern, let within): try await expect(name, pattern, within)
            case .expectNothing(let name, let type, let duration): try await expectNothing(name, type, duration)
            case .expectClosed(let name, let code, let within): try await expectClosed(name, code, within)
            case .close(let name, let code, let reason):
                let client = try client(name)
                await settle()
                record(.clientClosed(client: name, code: code, reason: reason))
                try await client.close(code: code, reason: reason)
            case .closeWithoutStatus(let name):
                let client = try client(name)
                await settle()
                record(.clientClosed(client: name, code: nil, reason: ""))
                try await client.close(code: nil, reason: "")
            case .vanish(let name):
                let client = try client(name)
                await settle()  // what was on its way arrives first, as it would for a real page
                record(.vanished(client: name))
                client.vanish()
            case .stopReading(let name):
                let client = try client(name)
                await settle()  // what was on its way is read first
                client.reading(false)
            case .resumeReading(let name):
                try client(name).reading(true)
            case .advance(let duration):
                record(.advanced(duration))
                _ = await wait(duration) { false }
            case .fault(let fault):
                await settle()
                record(.fault(fault))
                if let name = fault.streamClient {
                    try breakConnection(of: try client(name), fault)
                } else {
                    try await system.apply(fault)
                }
            case .backend(let up):
                await settle()
                record(.backend(up: up))
                try await system.setBackend(up: up)
            case .expectBackend(let pattern, let count, let within): try await expectBackend(pattern, count, within)
            case .expectDrone(let expectation, let within): try await expectDrone(expectation, within)
            case .expectLog(let expectation, let within): try await expectLog(expectation, within)
            }
            return nil
        } catch let problem as StepProblem {
            return problem
        } catch {
            return StepProblem(expected: "the step to complete", received: "\(error)")
        }
    }

    func client(_ name: String) throws -> ScriptedClient {
        guard let client = clients[name] else {
            throw StepProblem(expected: "a client named \"\(name)\" (connect it first)", received: "no such client")
        }
        return client
    }

    private func connect(_ spec: ClientConnect, seed: UInt64) async throws {
        await settle()
        let recorder = self.recorder
        let result = try await ScriptedClient.connect(spec, to: system.agentAddress, over: system.streams, seed: seed, record: { recorder.record($0) })
        switch (result, spec.expectRefusal) {
        case (.open(let client), nil):
            // The decoder refuses a second `connect` of a name; a scenario built in code is held to the same rule.
            guard clients[spec.client] == nil else {
                client.shutdown()
                throw StepProblem(expected: "a client name not connected before", received: "\"\(spec.client)\" is already connected")
            }
            clients[spec.client] = client
            progress.attach(client: client)
            read(client)
        case (.refused(let status), let expected?) where status == expected:
            record(.refused(client: spec.client, status: status))
        case (.open(let client), let expected?):
            client.shutdown()
            throw StepProblem(expected: "the handshake refused with HTTP \(expected)", received: "accepted (101)")
        case (.refused(let status), let expected):
            throw StepProblem(expected: expected.map { "the handshake refused with HTTP \($0)" } ?? "the handshake accepted (101)", received: "HTTP \(status)")
        }
    }

    private func expect(_ name: String, _ pattern: JSONValue, _ within: Duration) async throws {
        let client = try client(name)
        let matcher = JSONPattern(pattern)
        let before = captures
        var bound: Captures?
        let found = await wait(within) {
            bound = client.take { message in message.json.flatMap { try? matcher.match($0, captures: before).get() } }
            return bound != nil || client.ended != nil && client.unconsumed.isEmpty
        }
        if found, let bound {
            captures = bound
            return
        }
        throw StepProblem(expected: "within \(ScenarioDuration.format(within)): \(JSONReader.describe(pattern))", received: Self.closest(matcher, client, captures))
    }

    /// What came nearest to matching: among the unconsumed messages (those of
    /// the pattern's `type` first, if any came), the one whose mismatch is deepest.
    static func closest(_ matcher: JSONPattern, _ client: ScriptedClient, _ captures: Captures) -> String {
        let wantedType = matcher.value["type"]?.stringValue
        let candidates = client.unconsumed.map { message -> (Int, String) in
            guard let json = message.json else { return (-1, "a non-JSON message: " + TranscriptFormat.line(for: .received(client: "", message: message), setup: TranscriptSetup())) }
            let sameType = wantedType != nil && message.type == wantedType ? 1000 : 0
            switch matcher.match(json, captures: captures) {
            case .success: return (Int.max, JSONReader.describe(json))
            case .failure(let mismatch): return (sameType + mismatch.depth, "\(mismatch.received) at \(mismatch.path) (expected \(mismatch.expected)) in \(JSONReader.describe(json))")
            }
        }
        let ending = client.ended.map { " ; the connection ended: \(Self.describe($0))" } ?? ""
        guard let best = candidates.max(by: { $0.0 < $1.0 }) else { return "no message" + ending }
        return best.1 + (candidates.count > 1 ? " (closest of \(candidates.count) unconsumed)" : "") + ending
    }

    static func describe(_ ending: ClientEnding) -> String {
        switch ending {
        case .agentClosed(let code, let reason): "closed by the agent with \(code) \(JSONValue.string(reason).text)"
        case .vanished: "dropped by the client"
        case .resetByNetwork: "reset by the network"
        case .protocolError(let why): "the agent broke the protocol: \(why)"
        case .shutDown: "closed by the runner at the end of the scenario"
        }
    }
}
