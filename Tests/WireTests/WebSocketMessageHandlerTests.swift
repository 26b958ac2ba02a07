import Clocks
import Logs
import Sockets
import TestSupport
import Testing
import WebSocketCodec
@testable import Wire

/// `handleMessages`: the read loop hands each message to a callback on the
/// connection's actor; messages that came before the call go first; the call
/// returns how the connection ended.
@Suite struct WebSocketMessageHandlerTests {
    private let logger = Logger(component: "memory", minimumLevel: .warning)

    private func pair() -> (client: WebSocketConnection, server: WebSocketConnection) {
        let (clientStream, serverStream) = MemoryByteStream.pair()
        let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
        let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
        server.start(initialBytes: [])
        client.start(initialBytes: [])
        return (client, server)
    }

    @Test func theCallbackAnswersEveryMessageInOrder() async throws {
        let (client, server) = pair()
        try await within {
            async let ended = server.handleMessages { connection, message in
                guard case .text(let text) = message else { return }
                _ = connection.send(text: "echo " + text)
            }
            for index in 0..<50 { #expect(await client.send(text: "m\(index)") == .sent) }
            for index in 0..<50 { #expect(await client.receive() == .text("echo m\(index)")) }
            await client.close(code: .normalClosure, reason: "done")
            #expect(await ended == WebSocketCloseInfo(initiator: .remote, code: .normalClosure, reason: "done"))
        }
    }

    @Test func messagesReceivedBeforeTheCallComeFirst() async throws {
        let (client, server) = pair()
        try await within {
            for text in ["a", "b"] { #expect(await client.send(text: text) == .sent) }
            try await eventually("both messages in the inbox") { await server.unreadMessages == 2 }
            let seen = Recorded<WebSocketMessage>()
            async let ended = server.handleMessages { _, message in seen.append(message) }
            #expect(await client.send(text: "c") == .sent)
            try await eventually("the third message handled") { seen.all.count == 3 }
            await client.close()
            _ = await ended
            #expect(seen.all == [.text("a"), .text("b"), .text("c")])
        }
    }

    /// Answers to messages that came in one read are held and written together;
    /// when the stream takes only part of them the rest waits for the writer,
    /// and later answers go behind it: none lost, none out of order.
    @Test func heldAnswersKeepTheirOrderWhenTheStreamIsFull() async throws {
        let (clientStream, serverStream) = MemoryByteStream.pair(capacity: 256)
        let server = WebSocketConnection(stream: serverStream, role: .server, configuration: .init(), time: SystemTime(), logger: logger)
        let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
        client.start(initialBytes: [])
        let count = 120
        // Every message is sent before the server reads, so its reads bring many at once.
        for index in 0..<count { #expect(await client.send(text: "m\(index)") == .sent) }
        server.start(initialBytes: [])
        try await within {
            async let ended = server.handleMessages { connection, message in
                guard case .text(let text) = message else { return }
                _ = connection.send(text: String(repeating: "x", count: 40) + text)
            }
            for index in 0..<count { #expect(await client.receive() == .text(String(repeating: "x", count: 40) + "m\(index)")) }
            await client.close()
            #expect(await ended.code == .normalClosure)
        }
    }

    /// The callback has no backpressure of its own: a peer that sends and never
    /// reads the answers fills the send queue, and past its bound the connection
    /// is failed with 1008, as for any slow reader.
    @Test func aPeerThatNeverReadsTheAnswersIsClosedWith1008() async throws {
        let (clientStream, serverStream) = MemoryByteStream.pair(capacity: 1024)
        let configuration = WebSocketConfiguration(maxQueuedBytes: 4096)
        let server = WebSocketConnection(stream: serverStream, role: .server, configuration: configuration, time: SystemTime(), logger: logger)
        let client = WebSocketConnection(stream: clientStream, role: .client, configuration: .init(), time: SystemTime(), logger: logger)
        server.start(initialBytes: [])
        client.start(initialBytes: [])
        try await within {
            async let ended = server.handleMessages { connection, message in _ = connection.send(message) }
            // The client never calls receive: its inbox fills, it stops reading, the answers back
            // up. 300 answers are more than its inbox, the stream and the server's queue hold.
            let payload = String(repeating: "x", count: 200)
            for _ in 0..<300 { _ = await client.send(text: payload) }
            try await eventually("the server to give up on its peer") { await server.closeInfo != nil }
            let info = try #require(await server.closeInfo)
            #expect(info.code == .policyViolation && info.initiator == .local, "\(info)")
            await client.abort()
            #expect(await ended.code == .policyViolation)
        }
    }

    /// A callback that closes the connection ends the call once the close handshake is done.
    @Test func aCallbackThatClosesEndsTheCall() async throws {
        let (client, server) = pair()
        try await within {
            async let ended = server.handleMessages { connection, message in
                if message == .text("bye") { connection.close(code: .goingAway, reason: "asked to") }
            }
            #expect(await client.send(text: "bye") == .sent)
            #expect(await client.receive() == nil)
            #expect(await ended == WebSocketCloseInfo(initiator: .local, code: .goingAway, reason: "asked to"))
        }
    }
}
