import Testing
import Foundation
import Wire

/// A one-connection WebSocket server for the scripted client's tests, built
/// from Wire's codec: answers the handshake (403 for an Origin containing
/// "evil"), greets, echoes text, answers a close with the same close, and
/// pings when asked to with the text "ping me".
final class MiniWebSocketServer: Sendable {
    let listener: TCPListener
    var address: SocketAddress { listener.localAddress }

    init() throws {
        listener = try TCPListener.bind(.loopback(port: 0))
        let listener = self.listener
        Task { try? await Self.serve(try listener.accept()) }
    }

    deinit { listener.close() }

    private static func serve(_ connection: TCPConnection) async throws {
        var head: [UInt8] = []
        while !String(decoding: head, as: UTF8.self).contains("\r\n\r\n") { head += try await connection.read() }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let fields: [WebSocketHeaderField] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if fields.first(where: { $0.name.lowercased() == "origin" })?.value.contains("evil") == true {
            try await connection.write(Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8))
            connection.close()
            return
        }
        guard case .success(let answer) = WebSocketHandshake.acceptUpgrade(method: "GET", headers: fields) else { return }
        var response = "HTTP/1.1 101 Switching Protocols\r\n"
        for (name, value) in answer { response += "\(name): \(value)\r\n" }
        // The greeting travels in the same write as the response head, as a fast server's would.
        try await connection.write(Array((response + "\r\n").utf8) + frame(.text, Array(#"{"type":"hello"}"#.utf8)))
        var decoder = WebSocketFrameDecoder(role: .server)
        while true {
            let bytes = try await connection.read()
            if bytes.isEmpty { return }
            decoder.append(bytes)
            while let received = try decoder.nextFrame() {
                switch received.opcode {
                case .text where received.payload == Array("ping me".utf8):
                    try await connection.write(frame(.ping, [7]))
                case .text, .binary:
                    try await connection.write(frame(received.opcode, received.payload))
                case .pong:
                    try await connection.write(frame(.text, Array(#"{"type":"pong seen","payload":\#(received.payload)}"#.utf8)))
                case .close:
                    try await connection.write(frame(.close, received.payload))
                    connection.close()
                    return
                default:
                    break
                }
            }
        }
    }

    private static func frame(_ opcode: WebSocketOpcode, _ payload: [UInt8]) -> [UInt8] {
        WebSocketFrameEncoder.encode(WebSocketFrame(opcode: opcode, payload: payload))
    }
}

/// Waits until `condition` holds, polling, for at most `seconds` of wall time;
/// records a test failure and returns false if it never does.
func eventually(_ what: String, seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    if condition() { return true }
    Issue.record("timed out waiting for \(what)")
    return false
}
