import Agent
import AgentAssembly
import Foundation
import JSONValue
import Logs
import Planner
import PlannerMocks
import PostTransport
import TestSupport
import Testing

/// The operator's API key travels only to the endpoint the operator
/// configured: model mocks listening on 127.0.0.1:0 record every header the
/// planner sends, and a client pointing `base_url` elsewhere must not get it.
/// Each test is a `Simulation`: the mocks listen on its memory network and
/// the planner's HTTP goes there, with its timeouts on the virtual clock.
@Suite struct AIKeyConfinementTests {
    static let key = "sk-operator-secret"

    /// Two model endpoints: the operator's (in the environment) and one a client names.
    struct Rig {
        let simulation: Simulation
        let operatorModel: LLMMock
        let clientModel: LLMMock
        let choice: SettingsPlannerChoice

        /// Runs `body` with a rig in a fresh simulation, and shuts its mocks down after.
        static func with(policy: AIEndpointPolicy = AIEndpointPolicy(), _ name: String,
                         _ body: @escaping @Sendable (Rig) async throws -> Void) async throws {
            try await Simulation.run(name: name) { simulation in
                let rig = try Rig(policy: policy, in: simulation)
                try await withTeardown({ await rig.shutdown() }) { try await body(rig) }
            }
        }

        private init(policy: AIEndpointPolicy, in simulation: Simulation) throws {
            self.simulation = simulation
            operatorModel = try Self.mock(in: simulation)
            clientModel = try Self.mock(in: simulation)
            let env = ["AI_PROVIDER": "openai", "OPENAI_API_KEY": AIKeyConfinementTests.key,
                       "OPENAI_BASE_URL": operatorModel.baseURL + "/v1"]
            let settings = try AISettings.fromEnvironment(env)
            let network = simulation.network
            choice = SettingsPlannerChoice(settings: settings, environment: env, endpoints: policy, time: simulation.time,
                                           logger: Logger(component: "planner", sink: MemorySink())) { settings, time, logger in
                settings.makePlanner(transport: WireHTTPPoster(time: time, network: network), time: time, logger: logger)
            }
        }

        /// A model endpoint on `simulation`'s network.
        static func mock(in simulation: Simulation) throws -> LLMMock {
            try LLMMock(time: simulation.time, logger: Logger(component: "llm-mock", sink: MemorySink()), network: simulation.network)
        }

        func shutdown() async {
            await operatorModel.shutdown()
            await clientModel.shutdown()
        }

        func keySent(to mock: LLMMock) -> Bool {
            mock.requests.contains { $0.headers.values.contains { $0.contains(AIKeyConfinementTests.key) } }
        }
    }

    @Test func theOperatorsKeyNeverReachesAClientChosenHost() async throws {
        try await Rig.with("key-never-leaves") { rig in
            _ = try await rig.choice.planner().plan("起飞")
            #expect(rig.keySent(to: rig.operatorModel), "the operator's own endpoint gets the key")

            let update = await rig.choice.update(["base_url": .string(rig.clientModel.baseURL + "/v1")])
            #expect((try? update.get()) != nil, "a loopback endpoint is accepted")
            _ = try await rig.choice.planner().plan("降落")
            #expect(rig.clientModel.requests.count == 1, "the order went to the client's endpoint")
            #expect(!rig.keySent(to: rig.clientModel), "but without the operator's key")

            // Switching provider and URL in one message does not carry the key either.
            _ = await rig.choice.update(["provider": "ollama"])
            _ = await rig.choice.update(["provider": "openai", "base_url": .string(rig.clientModel.baseURL + "/v1")])
            _ = try await rig.choice.planner().plan("降落")
            #expect(rig.clientModel.requests.count == 2 && !rig.keySent(to: rig.clientModel))

            // Back to the operator's endpoint: its key is used again.
            _ = await rig.choice.update(["base_url": .string(rig.operatorModel.baseURL + "/v1/")])
            _ = try await rig.choice.planner().plan("起飞")
            #expect(rig.operatorModel.requests.count == 2 && rig.keySent(to: rig.operatorModel))
        }
    }

    @Test func aKeyTheClientSuppliesGoesOnlyWithTheURLItCameWith() async throws {
        try await Rig.with("client-key-stays") { rig in
            _ = await rig.choice.update(["base_url": .string(rig.clientModel.baseURL + "/v1"), "api_key": "sk-client"])
            _ = try await rig.choice.planner().plan("起飞")
            #expect(rig.clientModel.requests.last?.headers["authorization"] == "Bearer sk-client")
            // Another client moves the URL: the first client's key stays behind.
            let other = try Rig.mock(in: rig.simulation)
            try await withTeardown({ await other.shutdown() }) {
                _ = await rig.choice.update(["base_url": .string(other.baseURL + "/v1")])
                _ = try await rig.choice.planner().plan("起飞")
                #expect(other.requests.count == 1 && other.requests[0].headers["authorization"] == nil)
            }
        }
    }

    @Test(arguments: ["http://169.254.169.254/latest", "https://attacker.example/v1", "http://10.0.0.7:8080/v1"])
    func hostsTheOperatorDidNotAllowAreRefused(_ url: String) async throws {
        try await Rig.with("host-refused") { rig in
            let update = await rig.choice.update(["base_url": .string(url)])
            guard case .failure(let error) = update else {
                Issue.record("\(url) was accepted")
                return
            }
            #expect(error.message.contains("--allow-llm-host"))
            #expect(await rig.choice.settings().provider == "openai")
            _ = try await rig.choice.planner().plan("起飞")
            #expect(rig.keySent(to: rig.operatorModel), "a refused update leaves the operator's settings in place")
        }
    }

    @Test func theOperatorCanAllowMoreHosts() async throws {
        try await Rig.with(policy: AIEndpointPolicy(allowedHosts: ["10.0.0.7"]), "host-allowed") { rig in
            let update = await rig.choice.update(["base_url": "http://10.0.0.7:8080/v1"])
            #expect((try? update.get()) != nil)
        }
        guard case .run(let options) = try AgentOptions.parse(["--allow-llm-host", "10.0.0.7", "--allow-llm-host", "gpu.lan"],
                                                                environment: [:]) else {
            Issue.record("the flags did not parse to a run")
            return
        }
        #expect(options.allowedLLMHosts == ["10.0.0.7", "gpu.lan"])
    }
}
