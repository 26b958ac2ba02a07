import Clocks
@testable import Sockets
import TestSupport
import Testing
@testable import WebSocketCodec
@testable import Wire

@Suite struct WebSocketServerTests {
    /// The agent's use: an Origin allowlist and a token, refused with a clear HTTP status.
    @Test func ownerRejectsByOriginAndToken() async throws {
        let server = try WebSocketTestServer { request in
            guard request.origin == "http://localhost:3000" else { return .reject(status: 403, reason: "origin not allowed") }
            guard request.queryValue("token") == "s3cret" else { return .reject(status: 401, reason: "missing token") }
            return .accept
        }
        defer { server.server.close() }
        try await within {
            let address = server.server.localAddress
            let foreign = try await RawWebSocketClient.connect(to: address, headers: ["Origin": "http://evil"]).status
            let noToken = try await RawWebSocketClient.connect(to: address, path: "/?token=no", headers: ["Origin": "http://localhost:3000"]).status
            let good = try await RawWebSocketClient.connect(to: address, path: "/?token=s3cret", headers: ["Origin": "http://localhost:3000"]).status
            #expect([foreign, noToken, good] == [403, 401, 101])
            #expect(server.logs.lines.contains { $0.contains("origin not allowed") && $0.contains("403") })
        }
    }

    @Test func plainHTTPGetsUpgradeRequired() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let head = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            let (_, status, headers) = try await RawWebSocketClient.connect(to: server.server.localAddress, requestHead: head)
            #expect(status == 426)
            #expect(WebSocketHandshake.value("Upgrade", in: headers) == "websocket")
        }
    }

    @Test func oversizedHeadGets431() async throws {
        let server = try WebSocketTestServer()
        defer { server.server.close() }
        try await within {
            let head = Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 40_000) + "\r\n\r\n").utf8)
            let status = try await RawWebSocketClient.connect(to: server.server.localAddress, requestHead: head).status
            #expect(status == 431)
        }
    }

    /// A client that never finishes its request is answered 408 when the
    /// (virtual) handshake timeout passes.
    @Test func slowHandshakeTimesOut() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(time: time)
        defer { server.server.close() }
        try await within {
            let tcp = try await TCPConnection.connect(to: server.server.localAddress)
            try await tcp.write(Array("GET / HTTP/1.1\r\n".utf8))
            try await eventually { time.sleeperCount == 1 }
            time.advance(by: .seconds(10))
            let answer = String(decoding: try await readAll(tcp), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 408 "))
        }
    }

    /// Keepalive over a real socket on virtual time: a ping at 20 s; a peer
    /// that never answers is failed with 1011 60 s after the first ping.
    @Test func keepaliveFailsASilentPeer() async throws {
        let time = VirtualTime()
        let server = try WebSocketTestServer(echo: false, time: time)
        defer { server.server.close() }
        try await within {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            let serverSide = await server.accepted.next()
            try await eventually { time.nextDeadline == .seconds(20) }
            time.advance(to: .seconds(20))
            #expect(try await raw.nextFrame()?.opcode == .ping)
            for second in [40, 60, 80] {
                try await eventually { time.nextDeadline == .seconds(second) }
                time.advance(to: .seconds(second))
            }
            #expect(try await raw.nextClose()?.code == .internalError)
            #expect(try await raw.nextFrame() == nil)
            let info = await serverSide.closed()
            #expect(info.code == .internalError && info.initiator == .local)
        }
    }

    /// A peer that stops reading: the send queue bound is hit, the connection
    /// is failed with 1008, and the failing send says so.
    @Test func slowReaderIsClosedWith1008() async throws {
        let server = try WebSocketTestServer(echo: false, configuration: WebSocketConfiguration(maxQueuedBytes: 256 * 1024))
        defer { server.server.close() }
        try await within(10) {
            let (raw, _, _) = try await RawWebSocketClient.connect(to: server.server.localAddress)
            let serverSide = await server.accepted.next()
            let chunk = [UInt8](repeating: 7, count: 64 * 1024)
            var outcome = WebSocketSendOutcome.sent
            var sends = 0
            while outcome == .sent && sends < 4096 {
                outcome = await serverSide.send(binary: chunk)
                sends += 1
            }
            guard case .notSent(.closed(let info)) = outcome else {
                Issue.record("queue never filled after \(sends) sends: \(outcome)"); return
            }
            #expect(info.code == .policyViolation && info.initiator == .local)
            raw.tcp.close()
            #expect(await serverSide.closed() == info)
        }
    }

    @Test func clientConnectErrors() async throws {
        try await within {
            for url in ["http://127.0.0.1:1/", "ws://", "ws://example.com:80/", "ws://127.0.0.1:99999/"] {
                await #expect(throws: WebSocketConnectError.invalidURL(url)) { try await WebSocketConnection.connect(to: url) }
            }
            let refusing = try RefusingPort()
            let port = refusing.address.port
            do {
                _ = try await WebSocketConnection.connect(to: "ws://127.0.0.1:\(port)/")
                Issue.record("connected to a refusing port")
            } catch let error as WebSocketConnectError {
                guard case .connectFailed = error else { Issue.record("unexpected \(error)"); return }
            }
            withExtendedLifetime(refusing) {}
        }
    }

    /// A server whose 101 does not prove it read our key is refused.
    @Test func clientRefusesWrongAccept() async throws {
        let listener = try TCPListener.bind()
        defer { listener.close() }
        try await within {
            let fake = Task {
                let tcp = try await listener.accept()
                _ = try await WebSocketHandshake.readHead(
                    from: tcp, time: SystemTime(), timeout: .seconds(5), reader: { WebSocketHandshake.RequestReader() })
                try await tcp.write(Array("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: bad\r\n\r\n".utf8))
                return tcp
            }
            do {
                _ = try await WebSocketConnection.connect(to: "ws://\(listener.localAddress)/")
                Issue.record("accepted a bad Sec-WebSocket-Accept")
            } catch let error as WebSocketConnectError {
                guard case .handshake(.acceptMismatch) = error else { Issue.record("unexpected \(error)"); return }
            }
            try await fake.value.close()
        }
    }

    @Test func newcomersOverTheCapGet503() async throws {
        let server = try WebSocketTestServer(limits: .init(total: 1))
        defer { server.server.close() }
        try await within {
            let first = try await WebSocketConnection.connect(to: server.url)
            let second = try await RawWebSocketClient.connect(to: server.server.localAddress).status
            #expect(second == 503)
            #expect(server.logs.lines.contains { $0.contains("server full (1 connections)") })
            await first.close()
            #expect(await first.closed().reportedCode == .normalClosure)
            try await eventually { server.server.connectionCount == 0 }
            let third = try await WebSocketConnection.connect(to: server.url)
            await third.close()
        }
    }

    /// Shutdown order: stop accepting, Close 1001 to everyone, wait until each is over.
    @Test func shutdownClosesEveryConnectionWithGoingAway() async throws {
        let server = try WebSocketTestServer()
        try await within {
            let clients = [try await WebSocketConnection.connect(to: server.url), try await WebSocketConnection.connect(to: server.url)]
            for _ in clients { _ = await server.accepted.next() }
            await server.server.shutdown()
            for client in clients {
                #expect(await client.closed() == WebSocketCloseInfo(initiator: .remote, code: .goingAway, reason: "server shutting down"))
            }
            try await eventually { server.server.connectionCount == 0 }
            await #expect(throws: WebSocketConnectError.self) { try await WebSocketConnection.connect(to: server.url) }
        }
    }
}
