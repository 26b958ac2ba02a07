import Dispatch
import Glibc
import WebSocketCodec
import Wire

/// The client mode the interop suite drives: commands on stdin, one line per
/// received message and one final `closed ...` line on stdout.
enum ScriptedClient {
    static func run(url: String) async -> Int32 {
        let connection: WebSocketConnection
        do {
            connection = try await WebSocketConnection.connect(to: url, configuration: .init(maxQueuedBytes: 64 << 20))
        } catch {
            say("error \(error)")
            return 1
        }
        say("open")
        while let line = await nextLine() {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            switch parts.first {
            case "text": report(await connection.send(text: parts.dropFirst().joined(separator: " ")))
            case "binary": report(await connection.send(binary: pattern(Int(parts.count > 1 ? parts[1] : "0") ?? 0)))
            case "close":
                let code = WebSocketCloseCode(UInt16(parts.count > 1 ? parts[1] : "1000") ?? 1000)
                report(await connection.close(code: code, reason: parts.count > 2 ? parts[2] : ""))
            case "abort": await connection.abort(reason: "client abort command")
            case "recv": say(await connection.receive().map(describe) ?? "eof")
            case "wait": break
            default: say("error unknown command \(line)")
            }
            if parts.first == "wait" { break }
        }
        while let message = await connection.receive() { say(describe(message)) }
        let info = await connection.closed()
        say("closed \(info.initiator.rawValue) \(info.reportedCode) \(info.severity.rawValue) \(info.reason)")
        return 0
    }

    static func describe(_ message: WebSocketMessage) -> String {
        switch message {
        case .text(let text):
            let bytes = Array(text.utf8)
            return "text \(bytes.count) \(digest(bytes))" + (bytes.count <= 64 ? " \(text)" : "")
        case .binary(let bytes):
            return "binary \(bytes.count) \(digest(bytes))"
        }
    }

    /// First 8 hex digits of SHA-1: enough for the peer to check a large message arrived intact.
    static func digest(_ bytes: [UInt8]) -> String {
        SHA1.digest(bytes).prefix(4).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// `i mod 251` for byte i: a pattern both sides can regenerate.
    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

    private static func report(_ outcome: WebSocketSendOutcome) {
        if case .notSent(let reason) = outcome { say("notsent \(reason)") }
    }

    private static func say(_ line: String) {
        StandardStreams.out((line + "\n"))
    }

    /// Reads stdin off the cooperative pool (a blocking read must never sit in a Task).
    private static func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { @Sendable in
                continuation.resume(returning: readLine())
            }
        }
    }
}
