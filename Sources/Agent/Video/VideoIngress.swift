import Clocks
import Networks
import HTTPCodec
import Lifetimes
import Logs
import Sockets
import Synchronization
import WebSocketCodec
import Wire

/// The socket the drone's video arrives on, and the one reader (`run`, a
/// child of its owner) that feeds it to the relay. The embedded simulator's socket is bound when the agent
/// starts (the simulator must be told its port); a real Tello's (UDP 11111
/// on every address, where a Tello always sends) only when video is first
/// asked for, so an agent that never shows video never holds the port.
package final class VideoIngress: Sendable {
    package enum Source: Sendable {
        /// Already bound (the embedded simulator streams to it).
        case bound(any DatagramEndpoint)
        /// Bound on first use, on `network` (the machine's UDP for a real Tello).
        case onDemand(SocketAddress, network: any DatagramNetwork = UDPNetwork())
    }

    private struct State {
        var socket: (any DatagramEndpoint)?
        var closed = false
    }

    let relay: VideoRelay
    /// Datagrams from any other host are ignored: only the drone may feed viewers.
    let droneHost: UInt32
    let logger: Logger
    private let source: Source
    private let state = Mutex(State())
    /// Opens when the socket is bound (or the ingress closed): the reader waits on it.
    private let ready = Latch()

    package init(_ source: Source, droneHost: UInt32, relay: VideoRelay, logger: Logger) {
        self.source = source
        self.droneHost = droneHost
        self.relay = relay
        self.logger = logger
    }

    /// The bound port (the simulator's video port), if bound.
    package var localAddress: SocketAddress? { state.withLock { $0.socket?.localAddress } }

    /// Binds (once) and lets `run` read; throws a `BindFailure` that says what holds the port.
    package func open() throws {
        try state.withLock { state in
            guard !state.closed, state.socket == nil else { return }
            let socket: any DatagramEndpoint
            switch source {
            case .bound(let bound): socket = bound
            case .onDemand(let address, let network):
                socket = try BindFailure.explaining("the drone's video (UDP; a Tello always sends it to port 11111)",
                                                    at: address, portFlag: nil,
                                                    usualSuspect: "another agent, a Tello script or a video player on this machine") {
                    try network.bindDatagram(address)
                }
            }
            state.socket = socket
            logger.info("video receiving", ("address", socket.localAddress))
        }
        ready.open()
    }

    /// The reader: waits until `open` has bound the socket, then reads it into
    /// the relay until `close` or cancellation. The socket waits on the
    /// reactor, never on a thread of the cooperative pool.
    package func run() async {
        await ready.wait()
        guard let socket = state.withLock({ $0.closed ? nil : $0.socket }) else { return }
        await Self.read(socket, into: relay, time: relay.time, from: droneHost, logger: logger)
    }

    /// Closes the socket, which ends `run`; no `open` binds again.
    package func close() {
        state.withLock { state in
            state.closed = true
            state.socket?.close()
            if case .bound(let socket) = source { socket.close() }
        }
        ready.open()
    }

    private static func read(_ socket: any DatagramEndpoint, into relay: VideoRelay, time: any TimeSource, from host: UInt32,
                             logger: Logger) async {
        var strangers = 0
        while !Task.isCancelled {
            do {
                let datagram = try await socket.receive(maxBytes: 2048)
                let arrival = time.now
                guard datagram.from.ipv4 == host else {
                    strangers += 1
                    if strangers == 1 || strangers % 1000 == 0 {
                        logger.warning("video datagram from another host ignored", ("from", datagram.from), ("count", strangers))
                    }
                    continue
                }
                await relay.ingest(datagram.bytes, at: arrival)
            } catch let error as SocketError where error.isClosed {
                return
            } catch is CancellationError {
                return
            } catch {
                logger.warning("video receive failed", ("error", String(describing: error)))
            }
        }
    }
}
