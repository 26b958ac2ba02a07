import Clocks
import Foundation
import JSONValue
import Logs
import Networks
import Sockets
import TestSupport
import Testing
import WebSocketCodec

/// A small WebSocket server for the scripted client's and the player's tests,
/// built from Wire's codec; it stands in for an agent so the runner's own
/// logic can be tested before and apart from the real one. Per connection it
/// answers the handshake (403 for an Origin containing "evil"), greets with
/// `{"type":"hello"}`, and then:
/// - text "ping me": sends a ping (its pong is reported as `pong seen`);
/// - `{"type":"later","after_ms":N}`: after N ms of its clock, `{"type":"later_response"}`;
/// - `{"type":"log","text":T}`: logs T at warning;
/// - anything else: echoed; a close: answered with the same close.
final class MiniWebSocketServer: Sendable {
    let listener: any ByteStreamListener
    let time: any TimeSource
    let logger: Logger
    var address: SocketAddress { listener.localAddress }

    /// `network`: the machine's TCP, or a simulation run's memory network (then
    /// its tasks stay on the run's executor, so the run knows when it is idle).
    init(time: any TimeSource = SystemTime(), logs: MemorySink = MemorySink(), network: any StreamNetwork = TCPNetwork()) throws {
        listener = try network.listen(on: .loopback(port: 0))
        self.time = time
        logger = Logger(component: "mini", sink: logs)
        Task(executorPreference: SimulationExecutor.current) { [self] in
            while let connection = try? await listener.accept() {
                Task(executorPreference: SimulationExecutor.current) { try? await self.serve(connection) }
            }
        }
    }

    func stop() { listener.close() }

    private func serve(_ connection: any ByteStream) async throws {
        guard let head = try await RawHTTPHead.read(from: connection) else { return }
        let fields = head.fields
        if head.field("origin")?.contains("evil") == true {
            try await connection.write(Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8))
            connection.close()
            return
        }
        guard case .success(let upgrade) = WebSocketHandshake.acceptUpgrade(method: "GET", headers: fields) else { return }
        var response = "HTTP/1.1 101 Switching Protocols\r\n"
        for (name, value) in upgrade { response += "\(name): \(value)\r\n" }
        // The greeting travels in the same write as the response head, as a fast server's would.
        try await connection.write(Array((response + "\r\n").utf8) + Self.frame(.text, Array(#"{"type":"hello"}"#.utf8)))
        var decoder = WebSocketFrameDecoder(role: .server)
        decoder.append(head.rest)
        while true {
            while let received = try decoder.nextFrame() {
                if try await answer(received, on: connection) { return }
            }
            let bytes = (try? await connection.read()) ?? []
            if bytes.isEmpty {
                logger.warning("connection dropped", ("code", 1006))
                return
            }
            decoder.append(bytes)
        }
    }

    /// Returns true when the connection is over.
    private func answer(_ received: WebSocketFrame, on connection: any ByteStream) async throws -> Bool {
        switch received.opcode {
        case .text where received.payload == Array("ping me".utf8):
            try await connection.write(Self.frame(.ping, [7]))
        case .text:
            let json = try? JSONValue(parsing: Data(received.payload))
            if json?["type"] == "later", let after = json?["after_ms"]?.intValue {
                let time = self.time
                Task(executorPreference: SimulationExecutor.current) {
                    try await time.sleep(for: .milliseconds(after))
                    try await connection.write(Self.frame(.text, Array(#"{"type":"later_response"}"#.utf8)))
                }
            } else if json?["type"] == "log", let text = json?["text"]?.stringValue {
                logger.warning(text)
            } else {
                try await connection.write(Self.frame(.text, received.payload))
            }
        case .binary:
            try await connection.write(Self.frame(.binary, received.payload))
        case .pong:
            try await connection.write(Self.frame(.text, Array(#"{"type":"pong seen","payload":\#(received.payload)}"#.utf8)))
        case .close:
            logger.info("connection closed", ("code", received.payload.count >= 2 ? Int(received.payload[0]) << 8 | Int(received.payload[1]) : 1005))
            try await connection.write(Self.frame(.close, received.payload))
            connection.close()
            return true
        default:
            break
        }
        return false
    }

    private static func frame(_ opcode: WebSocketOpcode, _ payload: [UInt8]) -> [UInt8] {
        WebSocketFrameEncoder.encode(WebSocketFrame(opcode: opcode, payload: payload))
    }
}
