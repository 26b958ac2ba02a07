import Clocks
import Foundation
import JSONValue
import Logs
import Networks
import Sockets
import TelloSim

@testable import Scenario

/// A `ScenarioSystem` around `MiniWebSocketServer`, for testing the player:
/// backend requests and ground truth are set by the test, faults are recorded.
/// `@unchecked Sendable`: mutable members only under `lock`.
final class MiniSystem: ScenarioSystem, @unchecked Sendable {
    let server: MiniWebSocketServer
    let logs = MemorySink()
    private let lock = NSLock()
    private var requests: [JSONValue] = []
    private var truth: GroundTruth
    private(set) var appliedFaults: [SimulatorFault] = []
    private var backendUp = true

    let streams: any StreamNetwork

    init(time: any TimeSource, network: any StreamNetwork = TCPNetwork()) throws {
        streams = network
        server = try MiniWebSocketServer(time: time, logs: logs, network: network)
        truth = try JSONDecoder().decode(GroundTruth.self, from: Data(#"""
            {"x":0,"y":0,"z":0,"yaw":0,"motorsOn":false,"flying":false,"battery":100,"temperature":40,"motorTime":0,
             "sdkMode":true,"streaming":false,"speed":100}
            """#.utf8))
    }

    var agentAddress: SocketAddress { server.address }
    var logRecords: [LogRecord] { logs.records }
    var activity: Int { lock.withLock { requests.count } }

    func addBackendRequest(_ request: JSONValue) { lock.withLock { requests.append(request) } }
    func setTruth(_ change: (inout GroundTruth) -> Void) { lock.withLock { change(&truth) } }
    var faults: [SimulatorFault] { lock.withLock { appliedFaults } }
    var isBackendUp: Bool { lock.withLock { backendUp } }

    func backendRequests() async -> [JSONValue] { lock.withLock { requests } }
    func setBackend(up: Bool) async throws { lock.withLock { backendUp = up } }
    func apply(_ fault: SimulatorFault) async throws { lock.withLock { appliedFaults.append(fault) } }
    func groundTruth() async -> GroundTruth { lock.withLock { truth } }
    func shutdown() async { server.stop() }
}
