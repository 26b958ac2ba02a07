import Agent
import AgentAssembly
import TelloSim
import Testing

/// The embedded simulator is the real drone by default; `--sim-model` and `--sim-exact` choose.
@Suite struct AgentSimulatorOptionTests {
    struct GotHelp: Error {}

    private func run(_ arguments: [String]) throws -> AgentOptions {
        guard case .run(let options) = try AgentOptions.parse(arguments, environment: [:]) else { throw GotHelp() }
        return options
    }

    @Test func theEmbeddedSimulatorIsARealTelloByDefault() throws {
        #expect(try run([]).simulatorParameters == .realDrone(.tello))
        #expect(try run(["--sim-model", "tt"]).simulatorParameters == .realDrone(.tt))
        #expect(try run(["--sim-exact", "--sim-model", "edu"]).simulatorParameters == .exact(.edu))
    }

    @Test(arguments: [["--sim-model", "mini"], ["--sim-model"], ["--sim-exact", "--drone", "192.168.10.1"],
                      ["--sim-model", "tt", "--drone", "192.168.10.1"]])
    func badSimulatorFlagsAreRefused(arguments: [String]) {
        #expect(throws: AgentOptions.Invalid.self) { try AgentOptions.parse(arguments, environment: [:]) }
    }
}
