import Clocks
import Foundation
import JSONValue
import Logs
import Sockets
import TestSupport
import Testing
import TelloSim

@testable import Scenario

/// A system that really stops answering: its "agent" is a listening socket
/// nobody accepts from (the kernel completes the TCP handshake, nothing ever
/// answers the WebSocket one), and its shutdown can be made to need virtual
/// time, or to wait on that silence for good.
/// `@unchecked Sendable`: the only mutable member is guarded by `lock`.
final class SilentSystem: ScenarioSystem, @unchecked Sendable {
    enum Shutdown: Sendable {
        case immediate
        /// Sleeps this long on the scenario clock, as the agent does while landing.
        case sleeps(Duration)
        /// Waits for a byte from the silent listener.
        case waitsForSilence
    }

    let listener: TCPListener
    let time: any TimeSource
    let shutdownKind: Shutdown
    let logs = MemorySink()
    private let lock = NSLock()
    private var finished = false

    init(time: any TimeSource, shutdown: Shutdown = .immediate) throws {
        listener = try TCPListener.bind(.loopback(port: 0), backlog: 8)
        self.time = time
        shutdownKind = shutdown
    }

    var agentAddress: SocketAddress { listener.localAddress }
    var logRecords: [LogRecord] { logs.records }
    var activity: Int { 0 }
    var shutDown: Bool { lock.withLock { finished } }
    func backendRequests() async -> [JSONValue] { [] }
    func setBackend(up: Bool) async throws {}
    func apply(_ fault: SimulatorFault) async throws {}
    func groundTruth() async -> GroundTruth { fatalError("not used") }

    func shutdown() async {
        switch shutdownKind {
        case .immediate: break
        case .sleeps(let duration): try? await time.sleep(until: time.now + duration)
        case .waitsForSilence:
            if let connection = try? await TCPConnection.connect(to: listener.localAddress) {
                _ = try? await connection.read()
                connection.close()
            }
        }
        lock.withLock { finished = true }
        listener.close()
    }
}

@Suite("Stall watch")
struct StallWatchTests {
    static let testLimit: Double = 60

    func play(_ steps: String, shutdown: SilentSystem.Shutdown = .immediate, stallTimeout: Duration = .seconds(1)) async throws -> (SingleRun?, [String], SilentSystem) {
        let time = VirtualTime()
        let system = try SilentSystem(time: time, shutdown: shutdown)
        let scenario = try ScenarioFile(data: Data(#"{"name": "stuck", "steps": [\#(steps)]}"#.utf8))
        let alerts = Lines()
        let watched = WatchedRun(
            scenario: scenario, run: 1, clock: .virtualInSharedProcess(time), stallTimeout: stallTimeout,
            alert: { alerts.append($0) }, boot: { _, _ in system })
        let run: SingleRun? = try? await within(Self.testLimit, "the watched run") { await watched.play() }
        return (run, alerts.all, system)
    }

    @Test func aHandshakeNobodyAnswersFailsNamingTheStepTheClockAndTheSockets() async throws {
        let (result, alerts, system) = try await play(#"{"connect": "a"}, {"expect": "a", "message": {"type": "hello"}}"#)
        defer { system.listener.close() }
        let run = try #require(result, "the run hung past \(Self.testLimit) s")
        let failure = try #require(run.failure)
        #expect(failure.stepIndex == 0)
        #expect(failure.step == "connect a")
        #expect(failure.expected == "progress within 1s of wall time (--stall-timeout)")
        #expect(failure.received.hasPrefix("stuck run 1 made no progress for 1."))
        #expect(failure.received.contains("waiting in: step 1 (connect a)"))
        #expect(failure.received.contains("virtual time: 0.00s, nobody asleep on the clock"))
        let port = system.agentAddress.port
        #expect(failure.received.contains("-> 127.0.0.1:\(port) ESTABLISHED"), Comment(rawValue: failure.received))
        #expect(failure.received.contains("127.0.0.1:\(port) LISTEN (a connection waiting to be accepted)"), Comment(rawValue: failure.received))
        #expect(alerts.count == 1)
        #expect(alerts.first?.contains("waiting in: step 1 (connect a)") == true)
        // The stopped run still shut its system down.
        #expect(system.shutDown)
    }

    @Test func aShutdownThatNeedsTimeIsGivenIt() async throws {
        // 3 s: longer than the settling after the last step may take in a busy shared process (2 s).
        let (result, alerts, system) = try await play(#"{"advance": "1s"}"#, shutdown: .sleeps(.seconds(90)), stallTimeout: .seconds(3))
        let run = try #require(result, "the run hung past \(Self.testLimit) s")
        #expect(run.failure == nil)
        #expect(alerts.isEmpty)
        #expect(system.shutDown)
    }

    @Test func aShutdownThatNeverEndsFailsTheRun() async throws {
        // 3 s: longer than the settling after the last step may take in a busy shared process (2 s),
        // so the stall is the shutdown's.
        let (result, _, system) = try await play(#"{"advance": "1s"}"#, shutdown: .waitsForSilence, stallTimeout: .seconds(3))
        defer { system.listener.close() }
        let run = try #require(result, "the run hung past \(Self.testLimit) s")
        let failure = try #require(run.failure)
        #expect(failure.stepIndex == nil)
        #expect(failure.step == "shutting down the agent, simulator and mocks")
        #expect(failure.received.contains("waiting in: shutting down the agent, simulator and mocks"))
        #expect(run.transcript.text == "scenario: advance 1s\n")
    }
}

@Suite("Socket table")
struct SocketTableTests {
    @Test func rowsOfTheKernelTablesAreRead() {
        #expect(SocketTable.address("0100007F:1F90") == "127.0.0.1:8080")
        let fields = "3: 0100007F:D2CE 0100007F:DCAB 01 0000000A:00000005 00:00000000 00000000 0 0 637194".split(separator: " ")
        let entry = SocketTable.entry(fd: 7, proto: "tcp", fields: fields)
        #expect(entry == SocketTable.Entry(fd: 7, proto: "tcp", local: "127.0.0.1:53966", remote: "127.0.0.1:56491", state: "ESTABLISHED", sendQueue: 10, receiveQueue: 5))
        let udp = SocketTable.entry(fd: 8, proto: "udp", fields: "1: 0100007F:22B9 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5".split(separator: " "))
        #expect(udp.remote == nil)
        #expect(udp.state == "unconnected")
    }
}
