import Bridge3002
import Clocks
import Foundation
import HTTPCodec
import JSONValue
import Logs
import Networks
import PostTransportMocks
import Wire

/// A scriptable stand-in for the 3002 backend, on Wire's HTTP server at
/// 127.0.0.1 (port 0 unless told): records every request and answers
/// `POST /api/ai-analysis` from a script. Used in-process by tests and the
/// scenario runner, and standalone by `backend3002-mock`.
///
/// Behaviours cover every way the real backend has been seen to fail:
/// a status and body, a delay, a hang, a close or reset without reply, and
/// "not running" (`goDown()`: the port refuses connections until `goUp()`,
/// and is held meanwhile, so no other server can take it and answer instead).
package final class Backend3002Mock: Sendable {
    package enum Behaviour: Sendable, Equatable {
        /// Answer at once with this status and body.
        case respond(status: Int, body: String)
        /// Answer after `delay` on the mock's clock.
        case delayed(Duration, status: Int, body: String)
        /// Never answer (until the client gives up or the mock shuts down).
        case hang
        /// Close the connection without a reply.
        case close
        /// Reset the connection without a reply.
        case reset

        /// What the real backend answers: 200 with a small JSON result.
        package static let accept = Behaviour.respond(status: 200, body: #"{"success":true,"message":"analysis received"}"#)

        /// Short form for log lines: `200`, `200 after 6000ms`, `hang`, `close`, `reset`.
        package var summary: String {
            switch self {
            case .respond(let status, _): "\(status)"
            case .delayed(let delay, let status, _): "\(status) after \(delay.milliseconds)ms"
            case .hang: "hang"
            case .close: "close"
            case .reset: "reset"
            }
        }
    }

    /// One request as the mock saw it.
    package struct Request: Sendable {
        package let method: String
        package let path: String
        /// Header names in lower case.
        package let headers: [String: String]
        /// The body parsed as JSON, `.null` if it was not JSON.
        package let body: JSONValue
        package let bodyText: String
        package var idempotencyKey: String? { headers["idempotency-key"] }
        /// What the mock did with it.
        package let behaviour: Behaviour
        /// When it arrived, on the mock's clock (for traces).
        package let received: Duration
    }

    package let port: UInt16
    private let state: MockBackendHandler
    private let logger: Logger
    /// One server for the mock's whole life: going down pauses its listening,
    /// so the socket, and with it the port, is never let go until `shutdown()`.
    private let server: HTTPServer

    /// Starts listening on 127.0.0.1:`port` (0: pick one; see `port`).
    /// Delays and hangs run on `time`, so tests can drive them with `VirtualTime`.
    /// `network`: the machine's TCP, or an in-memory network in simulation runs.
    /// `keepingRequests`: how many of the newest requests `requests` holds (all, for tests).
    package init(port: UInt16 = 0, time: any TimeSource = SystemTime(), logger: Logger = Logger(component: "backend3002-mock"),
                 network: any StreamNetwork = TCPNetwork(), keepingRequests: Int = .max) throws {
        let state = MockBackendHandler(script: MockScript(then: .accept, keeping: keepingRequests), time: time, logger: logger)
        self.state = state
        self.logger = logger
        // Zero grace: a hanging behaviour must not hold up shutting down.
        server = try HTTPServer(
            listener: network.listen(on: .loopback(port: port)), configuration: HTTPServerConfiguration(shutdownGrace: .zero),
            time: time, logger: logger,
            handler: { request, _ in try await state.answer(request) })
        self.port = server.port
    }

    /// `http://127.0.0.1:PORT`, for `--backend`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The next requests get `behaviours` in order, then `fallback` (default `.accept`).
    package func script(_ behaviours: [Behaviour], then fallback: Behaviour = .accept) {
        state.script.set(behaviours, then: fallback)
    }

    package var requests: [Request] { state.script.records }

    /// Idempotency keys of the analyses the mock accepted (answered 2xx), in order.
    package var acceptedKeys: [String] {
        requests.compactMap { request in
            switch request.behaviour {
            case .respond(let status, _), .delayed(_, let status, _):
                return (200..<300).contains(status) ? request.idempotencyKey : nil
            case .hang, .close, .reset:
                return nil
            }
        }
    }

    /// "Backend not running": stops listening and drops open connections,
    /// cancelling their requests, so every connection attempt is refused
    /// until `goUp()`. The port stays the mock's: no other server can take it
    /// and answer in its place.
    package func goDown() async {
        do {
            try await server.pauseListening(droppingConnections: true)
            logger.info("mock 3002 down", ("port", port))
        } catch {
            logger.warning("mock 3002 could not go down", ("port", port), ("error", "\(error)"))
        }
    }

    /// Listens again on the same port.
    package func goUp() throws {
        try server.resumeListening()
        logger.info("mock 3002 up", ("port", port))
    }

    /// Stops for good: the port is let go.
    package func shutdown() async {
        await server.shutdown()
        logger.info("mock 3002 stopped", ("port", port))
    }
}

/// The mock's script and record.
private struct MockBackendHandler: Sendable {
    typealias Behaviour = Backend3002Mock.Behaviour
    let script: MockScript<Behaviour, Backend3002Mock.Request>
    let time: any TimeSource
    let logger: Logger

    func answer(_ request: HTTPRequest) async throws -> HTTPReply {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.lowercased()] = field.value }
        let text = String(decoding: request.body, as: UTF8.self)
        func record(_ behaviour: Behaviour) -> Backend3002Mock.Request {
            Backend3002Mock.Request(
                method: request.method, path: request.path, headers: headers, body: (try? JSONValue(parsing: text)) ?? .null,
                bodyText: text, behaviour: behaviour, received: time.now)
        }
        let behaviour: Behaviour
        if request.method == "POST" && request.path == BackendEndpoint.path {
            behaviour = script.next(recording: record)
        } else {
            behaviour = .respond(status: 404, body: #"{"error":"not found"}"#)
            script.record(record(behaviour))
        }
        logger.info(
            "mock 3002 request", ("method", request.method), ("path", request.path), ("analysis", headers["idempotency-key"] ?? "-"),
            ("behaviour", behaviour.summary))
        switch behaviour {
        case .respond(let status, let body):
            return .response(.json(Array(body.utf8), status: status))
        case .delayed(let delay, let status, let body):
            try await time.sleep(for: delay)
            return .response(.json(Array(body.utf8), status: status))
        case .hang:
            while true { try await time.sleep(for: .seconds(3600)) }
        case .close:
            return .close
        case .reset:
            return .reset
        }
    }
}
