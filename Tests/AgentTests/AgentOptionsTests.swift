import Agent
import AgentAssembly
import Logs
import Sockets
import Testing

@Suite struct AgentOptionsTests {
    struct GotHelp: Error {}

    private func run(_ arguments: [String], _ environment: [String: String] = [:]) throws -> AgentOptions {
        guard case .run(let options) = try AgentOptions.parse(arguments, environment: environment) else { throw GotHelp() }
        return options
    }

    @Test func defaultsAreTheOriginals() throws {
        let options = try run([])
        #expect(options.host == "127.0.0.1")
        #expect(options.port == 3004)
        #expect(options.drone == .simulator)
        #expect(options.language == .chinese)
        #expect(options.stepPause == .seconds(2))
        #expect(options.logLevel == .info)
    }

    /// `--time-scale` speeds up the flight, never the deadlines the 3002
    /// backend, the LLM and WebSocket clients are promised (real seconds).
    @Test func aScaledFlightKeepsNetworkDeadlinesInRealSeconds() throws {
        let options = try run(["--time-scale", "10"])
        #expect(options.flightClock.scale == 10)
        #expect(options.networkClock.scale == 1)
    }

    @Test func environmentThenFlags() throws {
        #expect(try run([], ["AGENT_PORT": "4000"]).port == 4000)
        #expect(try run([], ["AGENT_PORT": "4000", "TELLO_AGENT_PORT": "4001"]).port == 4001)
        #expect(try run(["--port", "5000"], ["TELLO_AGENT_PORT": "4001"]).port == 5000)
        #expect(try run([], ["TELLO_AGENT_TOKEN": "t"]).token == "t")
        #expect(try run(["--token", "u"], ["TELLO_AGENT_TOKEN": "t"]).token == "u")
    }

    @Test func everyFlag() throws {
        let options = try run([
            "--host", "0.0.0.0", "--drone", "192.168.10.1", "--backend", "http://b:1", "--log-level", "warn",
            "--log-file", "/tmp/x.log", "--allow-origin", "http://a", "--allow-origin", "http://b", "--language", "en",
            "--step-pause", "0", "--status-interval", "0.5", "--max-connections", "3", "--outbox", "/tmp/o.json",
        ])
        #expect(options.host == "0.0.0.0")
        #expect(options.drone == .address(SocketAddress("192.168.10.1:8889")!))
        #expect(options.backend == "http://b:1")
        #expect(options.logLevel == .warning)
        #expect(options.logFile == "/tmp/x.log")
        #expect(options.allowedOrigins == ["http://a", "http://b"])
        #expect(options.language == .english)
        #expect(options.stepPause == .zero)
        #expect(options.statusInterval == .milliseconds(500))
        #expect(options.maxConnections == 3)
        #expect(options.outbox == "/tmp/o.json")
        #expect(try run(["--drone", "127.0.0.1:9000"]).drone == .address(SocketAddress("127.0.0.1:9000")!))
        #expect(try AgentOptions.parse(["--port", "1", "--help"], environment: [:]) == .help)
    }

    @Test(arguments: [
        ["--port", "70000"], ["--port"], ["--drone", "moon base"], ["--log-level", "loud"], ["--bogus"],
        ["--time-scale", "0"], ["--time-scale", "10", "--drone", "192.168.10.1"], ["--host", "example.com"],
        ["--language", "fr"], ["--step-pause", "-1"],
    ])
    func badInputIsAClearError(arguments: [String]) {
        #expect(throws: AgentOptions.Invalid.self) { try AgentOptions.parse(arguments, environment: [:]) }
    }

    @Test func badEnvironmentIsAClearErrorToo() {
        #expect(throws: AgentOptions.Invalid.self) { try AgentOptions.parse([], environment: ["AGENT_PORT": "x"]) }
    }
}

@Suite struct AccessPolicyTests {
    @Test func localPagesAndNonBrowsersByDefault() {
        let policy = AccessPolicy()
        #expect(policy.decide(origin: nil, presentedToken: nil) == .accept)
        #expect(policy.decide(origin: "http://localhost:3000", presentedToken: nil) == .accept)
        #expect(policy.decide(origin: "http://127.0.0.1", presentedToken: nil) == .accept)
        #expect(policy.decide(origin: "https://evil.example", presentedToken: nil) == .reject(status: 403, reason: "origin not allowed: https://evil.example"))
        #expect(policy.decide(origin: "http://localhost.evil.example", presentedToken: nil) != .accept)
        #expect(policy.decide(origin: "null", presentedToken: nil) != .accept)
        #expect(policy.decide(origin: "file://localhost", presentedToken: nil) != .accept)
    }

    @Test func allowListAndToken() {
        let policy = AccessPolicy(allowedOrigins: ["http://192.168.1.5:3000"], token: "k")
        #expect(policy.decide(origin: "http://192.168.1.5:3000", presentedToken: "k") == .accept)
        #expect(policy.decide(origin: "http://192.168.1.5:3000", presentedToken: nil) == .reject(status: 401, reason: "missing or wrong token"))
        #expect(policy.decide(origin: nil, presentedToken: "wrong") != .accept)
        #expect(AccessPolicy(allowedOrigins: ["*"]).decide(origin: "https://any.example", presentedToken: nil) == .accept)
    }
}
