import Foundation
import JSONValue
import TestSupport
import Testing

@testable import Scenario

@Suite("Scripted client over real sockets")
struct ScriptedClientTests {
    func open(_ spec: ClientConnect = ClientConnect(client: "a"), server: MiniWebSocketServer, log: Collected<TranscriptEvent>) async throws -> ScriptedClient {
        let result = try await ScriptedClient.connect(spec, to: server.address, seed: 1, record: { log.append($0) })
        guard case .open(let client) = result else { throw ScriptedClientError.malformedHandshake("refused") }
        return client
    }

    @Test func receivesTheGreetingSentWithTheHandshake() async throws {
        let server = try MiniWebSocketServer()
        let log = Collected<TranscriptEvent>()
        let client = try await open(server: server, log: log)
        try await client.reading {
            try await eventually("greeting") { client.received.count == 1 }
            #expect(client.received.first?.type == "hello")
            #expect(log.all == [.connected(client: "a", path: "/", origin: nil), .received(client: "a", message: .text(#"{"type":"hello"}"#))])
        }
    }

    @Test func sendsEveryPayloadKind() async throws {
        let server = try MiniWebSocketServer()
        let client = try await open(server: server, log: Collected<TranscriptEvent>())
        try await client.reading {
            try await client.send(.json(["type": "x"]))
            try await client.send(.text("{oops"))
            try await client.send(.binary([1, 2]))
            try await client.send(.filler(count: 70_000))
            try await eventually("four echoes") { client.received.count == 5 }
            let echoes = Array(client.received.dropFirst())
            #expect(echoes.prefix(3) == [.text(#"{"type":"x"}"#), .text("{oops"), .binary([1, 2])])
            #expect(echoes.last == .text(String(repeating: "x", count: 70_000)))
        }
    }

    @Test func takeConsumesUpToTheFirstMatch() async throws {
        let server = try MiniWebSocketServer()
        let client = try await open(server: server, log: Collected<TranscriptEvent>())
        try await client.reading {
            for n in 1...3 { try await client.send(.json(["n": .number(Double(n))])) }
            try await eventually("echoes") { client.received.count == 4 }
            #expect(client.take { $0.json?["n"] == 2 ? 2 : nil } == 2)
            #expect(client.unconsumed == [.text(#"{"n":3}"#)])
            #expect(client.take { $0.json?["n"] == 1 ? 1 : nil } == nil)  // skipped, gone
        }
    }

    @Test func answersPingsWithTheSamePayload() async throws {
        let server = try MiniWebSocketServer()
        let client = try await open(server: server, log: Collected<TranscriptEvent>())
        try await client.reading {
            try await client.send(.text("ping me"))
            try await eventually("pong report") { client.received.contains { $0.type == "pong seen" } }
            #expect(client.received.last?.json?["payload"] == [7])
        }
    }

    @Test func closeHandshakeIsRecorded() async throws {
        let server = try MiniWebSocketServer()
        let log = Collected<TranscriptEvent>()
        let client = try await open(server: server, log: log)
        try await client.reading {
            try await client.close(code: 1001, reason: "bye")
            try await eventually("close echo") { client.ended != nil }
            #expect(client.ended == .agentClosed(code: 1001, reason: "bye"))
            #expect(log.all.last == .agentClosed(client: "a", code: 1001, reason: "bye"))
        }
    }

    @Test func closeWithoutStatusIsAnsweredAs1005() async throws {
        let server = try MiniWebSocketServer()
        let client = try await open(server: server, log: Collected<TranscriptEvent>())
        try await client.reading {
            try await client.close(code: nil, reason: "")
            try await eventually("close echo") { client.ended != nil }
            #expect(client.ended == .agentClosed(code: 1005, reason: ""))
        }
    }

    @Test func vanishingEndsTheConnectionOnOurSide() async throws {
        let server = try MiniWebSocketServer()
        let client = try await open(server: server, log: Collected<TranscriptEvent>())
        client.vanish()
        #expect(client.ended == .vanished)
        await #expect(throws: (any Error).self) { try await client.send(.text("after")) }
    }

    @Test func aRefusedHandshakeReportsItsStatus() async throws {
        let server = try MiniWebSocketServer()
        let result = try await ScriptedClient.connect(
            ClientConnect(client: "evil", origin: "http://evil.example"), to: server.address, seed: 1, record: { _ in })
        guard case .refused(let status) = result else {
            Issue.record("a foreign origin was accepted")
            return
        }
        #expect(status == 403)
    }
}
