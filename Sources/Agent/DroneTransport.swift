import Networks
import Foundation
import Logs
import Sockets
import TelloSDK

/// The two datagram channels a Tello client needs: commands and replies with
/// the drone's command port, and the state stream the drone pushes to us.
/// `DroneLink` speaks only to this, so the embedded simulator, an external
/// `tello-sim` and a real Tello go through the very same code path.
package protocol DroneTransport: Sendable {
    /// Sends `command` as one datagram (its SDK text).
    func send(_ command: TelloCommand) async throws
    /// The next reply from the drone's command port (datagrams from anyone else are dropped).
    func receiveReply() async throws -> String
    /// The next state line from the drone (lines from any other address are dropped).
    func receiveState() async throws -> String
    func close()
}

/// `DroneTransport` over datagrams: one endpoint for commands (an ephemeral
/// port; the drone answers the sender) and one for the state stream. Real
/// UDP sockets for a drone or `tello-sim`; an in-memory network's endpoints
/// when the scenario runner owns delivery.
///
/// `@unchecked Sendable`: the endpoints are thread-safe; `strangers` is only
/// touched under `lock`.
package final class DatagramDroneTransport: DroneTransport, @unchecked Sendable {
    package let drone: SocketAddress
    private let commands: any DatagramEndpoint
    private let states: any DatagramEndpoint
    private let logger: Logger
    private let lock = NSLock()
    /// Addresses whose stray state lines were already reported at warning.
    private var strangers: Set<SocketAddress> = []
    /// Binary datagrams from the drone's command port dropped so far (see `receiveReply`).
    private var binaryDropped = 0
    /// Enough to name every stray sender a room of drones has; beyond it, debug only.
    private static let reportedStrangers = 64

    /// `stateAddress` is where the drone sends state: a real Tello always
    /// uses the client's port 8890 (`TelloPorts.state`); the embedded
    /// simulator can be told any port, so it gets an ephemeral one.
    package convenience init(drone: SocketAddress, stateAddress: SocketAddress = .any(port: TelloPorts.state),
                            commandAddress: SocketAddress = .any(port: 0), network: any DatagramNetwork = UDPNetwork(),
                            logger: Logger) throws {
        let states = try network.bindDatagram(stateAddress)
        do {
            self.init(drone: drone, commands: try network.bindDatagram(commandAddress), states: states, logger: logger)
        } catch {
            states.close()
            throw error
        }
    }

    /// Over endpoints bound by the caller (the state endpoint must exist before
    /// the embedded simulator is told where to send state).
    package init(drone: SocketAddress, commands: any DatagramEndpoint, states: any DatagramEndpoint, logger: Logger) {
        self.drone = drone
        self.commands = commands
        self.states = states
        self.logger = logger
    }

    /// The port the state stream must be sent to (useful after binding port 0).
    package var statePort: UInt16 { states.localAddress.port }

    package func send(_ command: TelloCommand) async throws {
        try await commands.send(Array(command.text.utf8), to: drone)
    }

    /// Real drones sometimes send binary packets on the command port (the Tello app's
    /// protocol, starting 0xCC) around `command`: they are nobody's reply, so they are
    /// dropped here, counted, and logged at debug (a naive client takes one for the `ok`).
    package func receiveReply() async throws -> String {
        while true {
            let datagram = try await commands.receive()
            guard datagram.from == drone else {
                logger.warning("datagram from a stranger dropped", ("from", datagram.from), ("bytes", datagram.bytes.count))
                continue
            }
            guard Self.isText(datagram.bytes) else {
                let count = lock.withLock { binaryDropped += 1; return binaryDropped }
                logger.debug("binary datagram from the drone dropped", ("bytes", datagram.bytes.count),
                             ("first", datagram.bytes.first.map { "0x" + String($0, radix: 16) } ?? "none"), ("dropped", count))
                continue
            }
            return String(decoding: datagram.bytes, as: UTF8.self)
        }
    }

    /// Binary datagrams from the drone dropped so far.
    package var droppedBinaryDatagrams: Int { lock.withLock { binaryDropped } }

    /// Printable ASCII, tab, CR, LF and NUL padding: what every Tello reply is made of.
    /// An empty datagram counts as text (the link judges it).
    static func isText(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }
    }

    /// The state port hears anyone: another drone, a simulator someone left
    /// running, a script. A state line counts only from the drone's own
    /// address (its IP: the port a drone sends state from is not the one it
    /// takes commands on); others are dropped, the first from each address
    /// at warning, every later one at debug, so a stray 10 Hz stream cannot
    /// flood the log.
    package func receiveState() async throws -> String {
        while true {
            let datagram = try await states.receive()
            if datagram.from.ipv4 == drone.ipv4 { return String(decoding: datagram.bytes, as: UTF8.self) }
            let first = lock.withLock { strangers.count < Self.reportedStrangers && strangers.insert(datagram.from).inserted }
            logger.log(first ? .warning : .debug, "state line from another address dropped",
                       [("from", datagram.from), ("drone", drone), ("bytes", datagram.bytes.count)])
        }
    }

    package func close() {
        commands.close()
        states.close()
    }
}
