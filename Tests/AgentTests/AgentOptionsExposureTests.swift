import Agent
import AgentAssembly
import Testing
import TestSupport

/// The agent says so before it starts when anyone on the network could fly the
/// drone, and an empty token means "none" whichever way it is given.
@Suite struct AgentOptionsExposureTests {
    private func options(_ arguments: [String], _ environment: [String: String] = [:]) throws -> AgentOptions {
        guard case .run(let options) = try AgentOptions.parse(arguments, environment: environment) else { throw GotHelp() }
        return options
    }
    struct GotHelp: Error {}

    @Test func loopbackIsQuiet() throws {
        #expect(try options([]).warnings.isEmpty)
        #expect(try options(["--host", "127.0.0.2"]).warnings.isEmpty)
        #expect(try options(["--host", "localhost"]).warnings.isEmpty)
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.5"])
    func anotherAddressWithoutATokenSaysAnyoneCanFly(host: String) throws {
        let warnings = try options(["--host", host]).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(host) == true)
        #expect(warnings.first?.contains("anyone") == true)
        #expect(warnings.first?.contains("--token") == true)
        #expect(warnings.first?.contains("Origin") == true)
    }

    @Test func withATokenItSaysWhatProtectsIt() throws {
        let warnings = try options(["--host", "0.0.0.0", "--token", "s3cret"]).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("anyone") == false)
        #expect(warnings.first?.contains("token") == true)
        #expect(warnings.first?.contains("s3cret") == false)
    }

    @Test func anEmptyTokenMeansNoneFromTheFlagAsFromTheEnvironment() throws {
        let flag = try options(["--token", ""])
        let variable = try options([], ["TELLO_AGENT_TOKEN": ""])
        #expect(flag.token == nil)
        #expect(variable.token == nil)
        #expect(flag.warnings.contains { $0.contains("--token is empty") })
        #expect(variable.warnings.contains { $0.contains("TELLO_AGENT_TOKEN is empty") })
        #expect(try options(["--token", ""], ["TELLO_AGENT_TOKEN": "t"]).token == nil)
        #expect(try options(["--token", "u"], ["TELLO_AGENT_TOKEN": ""]).warnings.isEmpty)
    }

    @Test func theExecutableWarnsOnStandardError() async throws {
        // --log-level error hides warnings from the log; this one is said on stderr all the same.
        // 192.0.2.1 (a documentation address) is not this machine's: the bind fails after the
        // warning, so the test never listens beyond loopback.
        let run = try await ExitedProcess.run("tello-agent", ["--host", "192.0.2.1", "--port", "0", "--log-level", "error"])
        #expect(run.standardError.contains("tello-agent: warning: listening on 192.0.2.1"))
        #expect(run.standardError.contains("anyone on the network"))
    }
}
