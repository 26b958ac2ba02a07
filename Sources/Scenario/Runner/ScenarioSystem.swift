import JSONValue
import Logs
import Networks
import Sockets
import TelloSim

extension ScenarioSystem {
    public var streams: any StreamNetwork { TCPNetwork() }
}

/// Everything a scenario plays against, booted for one run: the agent, the
/// simulated drone and the mocks. The runner only talks to it through this,
/// so the step logic is the same whatever boots the parts.
public protocol ScenarioSystem: Sendable {
    /// Where the agent accepts WebSocket connections (127.0.0.1, port picked at boot).
    var agentAddress: SocketAddress { get }
    /// The network the scenario's clients connect through: the machine's TCP, or the run's memory network.
    var streams: any StreamNetwork { get }
    /// Every log record written so far, in order.
    var logRecords: [LogRecord] { get }
    /// Requests the 3002 mock received so far, each as
    /// `{"method", "path", "headers": {name: value}, "body": <JSON or text>, "answered": <status or "hang"/"close">}`.
    func backendRequests() async -> [JSONValue]
    /// The 3002 mock refuses connections (down) or accepts them again (up).
    func setBackend(up: Bool) async throws
    func apply(_ fault: SimulatorFault) async throws
    /// The simulated drone as it really is.
    func groundTruth() async -> GroundTruth
    /// A number that changes whenever the system does something observable
    /// besides logging (datagrams, requests); used to tell when it is idle.
    var activity: Int { get }
    /// Runs the system's long-lived parts, as a child task of the runner,
    /// until `shutdown` has ended them (or the runner cancels it). Systems
    /// whose parts need no task of their own keep the default, which returns
    /// at once.
    func run() async
    /// Closes everything: the run is over. It may sleep on the scenario's
    /// clock (the agent lands a flying drone first); the runner drives the
    /// clock until it returns.
    func shutdown() async
}

extension ScenarioSystem {
    public func run() async {}
}
