import Clocks
import Testing
@testable import WebSocketCodec

@Suite struct WebSocketHandshakeTests {
    private static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="

    private func request(_ overrides: [String: String?] = [:]) -> [WebSocketHeaderField] {
        var base: [String: String?] = [
            "Host": "server.example.com", "Upgrade": "websocket", "Connection": "Upgrade",
            "Sec-WebSocket-Key": Self.sampleKey, "Sec-WebSocket-Version": "13",
        ]
        for (name, value) in overrides { base[name] = value }
        return base.compactMap { name, value in value.map { (name, $0) } }.sorted { $0.name < $1.name }
    }

    /// RFC 6455 section 1.3 worked example.
    @Test func acceptValueMatchesRFCExample() {
        #expect(WebSocketHandshake.acceptValue(forKey: Self.sampleKey) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func validRequestGets101Headers() throws {
        let headers = try WebSocketHandshake.acceptUpgrade(method: "GET", headers: request()).get()
        #expect(WebSocketHandshake.value("Sec-WebSocket-Accept", in: headers) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(WebSocketHandshake.value("upgrade", in: headers) == "websocket")
    }

    @Test func tokensAreCaseInsensitiveAndListed() throws {
        let headers = request(["Connection": "keep-alive, UPGRADE", "Upgrade": "WebSocket"])
        _ = try WebSocketHandshake.acceptUpgrade(method: "GET", headers: headers).get()
    }

    @Test(arguments: [
        ("POST", [String: String?](), 405),
        ("GET", ["Host": nil], 400),
        ("GET", ["Upgrade": nil], 426),
        ("GET", ["Upgrade": "h2c"], 426),
        ("GET", ["Connection": "keep-alive"], 400),
        ("GET", ["Sec-WebSocket-Version": "8"], 426),
        ("GET", ["Sec-WebSocket-Version": nil], 426),
        ("GET", ["Sec-WebSocket-Key": nil], 400),
        ("GET", ["Sec-WebSocket-Key": "c2hvcnQ="], 400),
        ("GET", ["Sec-WebSocket-Key": "not base64!"], 400),
    ])
    func rejectsWithPreciseStatus(method: String, overrides: [String: String?], status: Int) {
        switch WebSocketHandshake.acceptUpgrade(method: method, headers: request(overrides)) {
        case .success: Issue.record("accepted a bad upgrade: \(method) \(overrides)")
        case .failure(let rejection): #expect(rejection.status == status, "\(rejection.reason)")
        }
    }

    @Test func versionRejectionNamesOurVersion() {
        guard case .failure(let rejection) = WebSocketHandshake.acceptUpgrade(
            method: "GET", headers: request(["Sec-WebSocket-Version": "8"])) else {
            Issue.record("expected rejection"); return
        }
        #expect(rejection.headers["Sec-WebSocket-Version"] == "13")
    }

    @Test func http10IsRefused() {
        guard case .failure(let rejection) = WebSocketHandshake.acceptUpgrade(
            method: "GET", version: "HTTP/1.0", headers: request()) else {
            Issue.record("expected rejection"); return
        }
        #expect(rejection.status == 400)
    }

    @Test func clientRequestRoundTripsThroughServerRules() throws {
        var generator = SeededRandom(seed: 1)
        let client = WebSocketClientHandshake(host: "127.0.0.1:9000", path: "/ws", extraHeaders: ["Origin": "http://x"], using: &generator)
        let text = String(decoding: client.requestHead, as: UTF8.self)
        #expect(text.hasPrefix("GET /ws HTTP/1.1\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
        let fields: [WebSocketHeaderField] = text.split(separator: "\r\n").dropFirst().map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
        }
        #expect(WebSocketHandshake.value("Origin", in: fields) == "http://x")
        let answer = try WebSocketHandshake.acceptUpgrade(method: "GET", headers: fields).get()
        try client.validate(status: 101, headers: answer)
    }

    @Test func keysDifferPerConnection() {
        var generator = SeededRandom(seed: 2)
        let first = WebSocketClientHandshake(host: "h", path: "/", using: &generator)
        let second = WebSocketClientHandshake(host: "h", path: "/", using: &generator)
        #expect(first.key != second.key)
        #expect(WebSocketHandshake.isValidKey(first.key))
    }

    @Test func clientRejectsBadAnswers() {
        var generator = SeededRandom(seed: 3)
        let client = WebSocketClientHandshake(host: "h", path: "/", using: &generator)
        let good: [WebSocketHeaderField] = [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", WebSocketHandshake.acceptValue(forKey: client.key)),
        ]
        #expect(throws: WebSocketClientHandshakeError.unexpectedStatus(403)) { try client.validate(status: 403, headers: good) }
        #expect(throws: WebSocketClientHandshakeError.missingUpgradeHeader) {
            try client.validate(status: 101, headers: good.filter { $0.name != "Upgrade" })
        }
        #expect(throws: WebSocketClientHandshakeError.missingConnectionUpgrade) {
            try client.validate(status: 101, headers: good.filter { $0.name != "Connection" })
        }
        #expect(throws: WebSocketClientHandshakeError.acceptMismatch(
            expected: WebSocketHandshake.acceptValue(forKey: client.key), got: "AAAA")) {
            try client.validate(status: 101, headers: good.filter { $0.name != "Sec-WebSocket-Accept" } + [("Sec-WebSocket-Accept", "AAAA")])
        }
        #expect(throws: WebSocketClientHandshakeError.unrequestedNegotiation("Sec-WebSocket-Extensions: permessage-deflate")) {
            try client.validate(status: 101, headers: good + [("Sec-WebSocket-Extensions", "permessage-deflate")])
        }
    }
}
