import Foundation
import HTTPCodec
import JSONValue
import Sockets
import TestSupport
import Testing
import WebSocketCodec
import Wire

@testable import Agent

@Suite struct ConsoleRoutesTests {
    static let open = ConsoleRoutes(access: AccessPolicy(), language: .english, simulator: true)
    static let locked = ConsoleRoutes(access: AccessPolicy(token: "s3cret"), language: .chinese, simulator: false)

    static func get(_ target: String, method: String = "GET", headers: HTTPHeaders = [:]) -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: headers)
    }

    static func response(_ reply: ConsoleRoutes.Reply) -> HTTPResponse? {
        if case .response(let response) = reply { return response }
        return nil
    }

    @Test func thePageAndItsScriptsAreServedWithAStrictPolicy() throws {
        let page = try #require(Self.response(Self.open.reply(to: Self.get("/"))))
        #expect(page.status == 200 && page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.bodyText?.contains("/console/app.js") == true)
        #expect(page.headers["Content-Security-Policy"]?.contains("default-src 'self'") == true)
        let script = try #require(Self.response(Self.open.reply(to: Self.get("/console/app.js"))))
        #expect(script.status == 200 && script.headers["Content-Type"] == "text/javascript; charset=utf-8")
        let head = try #require(Self.response(Self.open.reply(to: Self.get("/", method: "HEAD"))))
        #expect(head.body.isEmpty && head.headers["Content-Length"] == String(page.body.count))
    }

    @Test func otherPathsAndMethodsAreRefused() throws {
        #expect(Self.response(Self.open.reply(to: Self.get("/console/../Package.swift")))?.status == 404)
        #expect(Self.response(Self.open.reply(to: Self.get("/secret")))?.status == 404)
        let post = try #require(Self.response(Self.open.reply(to: Self.get("/", method: "POST"))))
        #expect(post.status == 405 && post.headers["Allow"] == "GET, HEAD")
    }

    @Test func theSettingsTellThePageTheLanguageAndWhetherToAskForATokenButNeverTheToken() throws {
        let settings = try #require(Self.response(Self.locked.reply(to: Self.get("/console/settings.json"))))
        let json = try JSONValue(parsing: settings.bodyText ?? "")
        #expect(json["language"] == "zh" && json["token_required"] == true && json["simulator"] == false)
        #expect(settings.bodyText?.contains("s3cret") == false)
    }

    @Test func theVideoAndTheWorldFollowTheWebSocketRules() {
        #expect(Self.response(Self.locked.reply(to: Self.get("/video.h264")))?.status == 401)
        #expect(Self.locked.reply(to: Self.get("/video.h264", headers: ["Authorization": "Bearer s3cret"])) == .videoStream)
        #expect(Self.locked.reply(to: Self.get("/video.h264?token=s3cret")) == .videoStream)
        let head = Self.response(Self.locked.reply(to: Self.get("/video.h264?token=s3cret", method: "HEAD")))
        #expect(head?.status == 200 && head?.body.isEmpty == true, "a HEAD never starts the stream")
        #expect(Self.response(Self.locked.reply(to: Self.get("/console/world.json")))?.status == 401)
        #expect(Self.open.reply(to: Self.get("/console/world.json")) == .world)
        let foreign = Self.get("/video.h264", headers: ["Origin": "http://evil.example", "Host": "127.0.0.1:3004"])
        #expect(Self.response(Self.open.reply(to: foreign))?.status == 403)
    }

    @Test func theEmbeddedFilesAreTheOnesInTheRepository() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Agent/Console/web")
        let names = try FileManager.default.contentsOfDirectory(atPath: web.path).sorted()
        #expect(names == ConsoleFiles.all.keys.sorted(), "every file in web/ is listed in ConsoleFiles and Package.swift")
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: web.appendingPathComponent(name)))
            #expect(ConsoleFiles.all[name]?.bytes == bytes, "\(name) is served as it is in the repository")
        }
    }
}

@Suite struct ConsoleOriginTests {
    @Test func aPageThisAgentServedOnAnIPv4AddressMayConnect() {
        #expect(AccessPolicy.isOwnPage(origin: "http://192.168.1.5:3004", host: "192.168.1.5:3004"))
        #expect(!AccessPolicy.isOwnPage(origin: "http://192.168.1.5:3004", host: "192.168.1.5:3005"))
        // A name could be pointed at this agent by a hostile site (DNS rebinding).
        #expect(!AccessPolicy.isOwnPage(origin: "http://evil.example:3004", host: "evil.example:3004"))
        #expect(!AccessPolicy.isOwnPage(origin: nil, host: "192.168.1.5:3004"))
    }
}

/// Over real sockets (TCP on port 0): the agent's HTTP routes as a browser
/// reaches them, which the in-memory tests do not cover.
@Suite struct AgentConsoleTests {
    @Test func theConsoleSharesTheWebSocketPortAndNoConsoleTurnsItOff() async throws {
        for console in [true, false] {
            try await LoopbackAgentHarness.with({ $0.console = console }) { harness in
                let page = try await HTTPClient.send(HTTPRequest(target: "/"), to: harness.agent.address, timeout: .seconds(30))
                #expect(page.status == (console ? 200 : 426))
                // Every method without Upgrade reaches the console's routes, not the WebSocket handshake's refusals.
                let head = try await HTTPClient.send(HTTPRequest(method: "HEAD", target: "/"), to: harness.agent.address,
                                                     timeout: .seconds(30))
                #expect(head.status == (console ? 200 : 405))
                let post = try await HTTPClient.send(HTTPRequest(method: "POST", target: "/"), to: harness.agent.address,
                                                     timeout: .seconds(30))
                #expect(post.status == 405 && post.headers["Allow"] == (console ? "GET, HEAD" : "GET"))
                let client = try await harness.client()
                #expect(try await client.request("get_status")["type"] == "get_status_response", "the API still works")
                if console {
                    let world = try await HTTPClient.send(HTTPRequest(target: "/console/world.json"), to: harness.agent.address,
                                                          timeout: .seconds(30))
                    let json = try JSONValue(parsing: world.bodyText ?? "")
                    #expect(json["truth"]?["z"] == 0 && json["world"]?["room"] != nil)
                }
            }
        }
    }
}
