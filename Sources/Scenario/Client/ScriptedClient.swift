import Clocks
import Foundation
import Lifetimes
import Sockets
import TelloSim
import WebSocketCodec

/// One scripted WebSocket client of a scenario, built from Wire's pure codec
/// pieces over a plain TCP connection so it can also misbehave on purpose:
/// close without a status, send raw bytes outside any frame, or vanish.
///
/// Its reader (`read`, a child task of the player that connected it)
/// records every message in arrival order (TCP order, so deterministic),
/// answers pings as a browser would, and notes how the connection ended.
/// Steps consume messages with `take(matching:)`.
///
/// `@unchecked Sendable`: every mutable member is guarded by `lock`.
public final class ScriptedClient: @unchecked Sendable {
    public let name: String
    private let connection: any ByteStream
    private let record: @Sendable (TranscriptEvent) -> Void
    private let lock = NSLock()
    private var masks: SeededRandom
    private var inbox: [ReceivedMessage] = []
    /// Messages before this index are consumed by an `expect` (or skipped by one).
    private var cursor = 0
    private var ending: ClientEnding?
    private var sentClose = false
    /// What arrived right behind the handshake response: the reader starts with it.
    private let leftover: [UInt8]
    private let writes = WriteTurns()
    /// Shut while the client does not read its socket (`stop_reading`).
    private let gate = ReadGate()

    init(name: String, connection: any ByteStream, seed: UInt64, leftover: [UInt8] = [],
         record: @escaping @Sendable (TranscriptEvent) -> Void) {
        self.name = name
        self.connection = connection
        self.masks = SeededRandom(seed: seed)
        self.leftover = leftover
        self.record = record
    }

    /// Reads while `body` runs, then shuts the client down and awaits the
    /// reader: one client for one scope (tests).
    func reading<T>(_ body: () async throws -> T) async rethrows -> T {
        try await withRunning({ await self.read() }) {
            defer { shutdown() }
            return try await body()
        }
    }

    // MARK: What the runner asks

    /// Every message received so far, consumed or not.
    public var received: [ReceivedMessage] { lock.withLock { inbox } }

    /// How the connection ended, nil while it is open.
    public var ended: ClientEnding? { lock.withLock { ending } }

    /// The first unconsumed message `accept` returns a value for; it and every
    /// message before it are consumed. Nil (nothing consumed) if none does yet.
    public func take<T>(matching accept: (ReceivedMessage) -> T?) -> T? {
        lock.withLock {
            for index in cursor..<inbox.count {
                if let value = accept(inbox[index]) {
                    cursor = index + 1
                    return value
                }
            }
            return nil
        }
    }

    /// Messages not consumed yet (what an `expect` that fails got instead).
    public var unconsumed: [ReceivedMessage] { lock.withLock { Array(inbox[cursor...]) } }

    /// Received messages from `index` on (for "expect nothing of type T from now").
    public func messages(from index: Int) -> [ReceivedMessage] { lock.withLock { Array(inbox[min(index, inbox.count)...]) } }

    /// `open, 3 received (1 unconsumed), 1 write in flight`: the client as a stuck run reports it.
    public var status: String {
        lock.withLock {
            var text = ending.map { "ended (\(ScenarioPlayer.describe($0)))" } ?? "open"
            text += ", \(inbox.count) received (\(inbox.count - cursor) unconsumed)"
            let writing = writes.inFlight
            if writing > 0 { text += ", \(writing) write\(writing == 1 ? "" : "s") in flight" }
            return text
        }
    }

    // MARK: What steps do

    /// Sends `payload`. A write that fails because the agent closed the
    /// connection meanwhile (an oversized message is refused from its header,
    /// mid-send) is not an error of the step: the close is in the transcript
    /// and `expect_closed` checks it.
    public func send(_ payload: Payload) async throws {
        do {
            try await write(payload)
        } catch {
            if case .agentClosed? = ended { return }
            throw error
        }
    }

    private func write(_ payload: Payload) async throws {
        switch payload {
        case .json(let value): try await sendFrame(.text, Array(value.encoded()))
        case .text(let text): try await sendFrame(.text, Array(text.utf8))
        case .filler(let count): try await sendFrame(.text, [UInt8](repeating: UInt8(ascii: "x"), count: count))
        case .binary(let bytes): try await sendFrame(.binary, bytes)
        case .raw(let bytes): try await serialWrite(bytes)
        }
    }

    /// Writes `bytes` after every write queued before it.
    private func serialWrite(_ bytes: [UInt8]) async throws {
        try await writes.take { try await connection.write(bytes) }
    }

    /// A close frame with `code` and `reason` (nil code: an empty close frame,
    /// which the agent must report as 1005). Codes that may not be sent are
    /// sent anyway: scenarios test how the agent answers them.
    public func close(code: Int?, reason: String) async throws {
        var body: [UInt8] = []
        if let code {
            body = [UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code)] + Array(reason.utf8)
        }
        lock.withLock { sentClose = true }
        try await sendFrame(.close, body)
    }

    /// Drops the TCP connection with a reset and no close frame (the agent sees 1006).
    public func vanish() {
        lock.withLock { if ending == nil { ending = .vanished } }
        connection.reset()
    }

    /// Where the client's end of the connection is (what a network fault names).
    public var localAddress: SocketAddress { connection.localAddress }

    /// The network is about to reset this end of the connection: its reader
    /// will fail, and that is how the connection ended, not an agent's close.
    func willBeResetByNetwork() {
        lock.withLock { if ending == nil { ending = .resetByNetwork } }
    }

    /// Closes the socket, which ends `read` (end of the scenario).
    func shutdown() {
        lock.withLock { if ending == nil { ending = .shutDown } }
        connection.close()
        reading(true)
    }

    /// Stops reading the socket (false) or reads again (true): a client that
    /// stops reading leaves what the agent sends in the network's buffers and
    /// then in the agent's send queue, as a frozen page does.
    func reading(_ on: Bool) { gate.set(open: on) }

    private func sendFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8]) async throws {
        let key: WebSocketFrameEncoder.MaskingKey = lock.withLock {
            let bits = masks.next()
            return (UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24))
        }
        try await serialWrite(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: opcode, payload: payload), maskingKey: key))
    }

    // MARK: Reading

    /// Reads until the connection ends (or the calling task is cancelled).
    func read() async {
        // The client reads whatever the agent sends; its own limit is the agent's business.
        var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 64 << 20)
        var assembler = WebSocketMessageAssembler(maxMessageSize: 64 << 20)
        decoder.append(leftover)
        do {
            while true {
                while let frame = try decoder.nextFrame() {
                    guard let inbound = try assembler.receive(frame) else { continue }
                    if try await handle(inbound) { return }
                }
                await gate.pass()
                try Task.checkCancellation()
                let bytes = try await connection.read()
                // A read already waiting when the client stopped reading brings
                // one more chunk: it waits unread too (a ping in it goes unanswered).
                await gate.pass()
                try Task.checkCancellation()
                if bytes.isEmpty {
                    finish(.agentClosed(code: 1006, reason: ""))
                    return
                }
                decoder.append(bytes)
            }
        } catch is CancellationError {
            return
        } catch let error as WebSocketProtocolError {
            finish(.protocolError("\(error)"))
        } catch {
            finish(.agentClosed(code: 1006, reason: ""))
        }
    }

    /// Returns true when the connection is over.
    private func handle(_ inbound: WebSocketInbound) async throws -> Bool {
        switch inbound {
        case .message(.text(let text)):
            deliver(.text(text))
        case .message(.binary(let bytes)):
            deliver(.binary(bytes))
        case .ping(let payload):
            try await sendFrame(.pong, payload)
        case .pong:
            break
        case .close(let payload):
            let code = payload.code.map { Int($0.rawValue) } ?? 1005
            // Recorded before answering, so a step whose write fails because of
            // this close already sees the connection as closed by the agent.
            finish(.agentClosed(code: code, reason: payload.reason))
            // RFC 6455 section 5.5.1: answer a close with a close, unless we sent one first.
            if !lock.withLock({ sentClose }) { try? await close(code: payload.code.map { Int($0.rawValue) }, reason: "") }
            connection.close()
            return true
        }
        return false
    }

    private func deliver(_ message: ReceivedMessage) {
        lock.withLock { inbox.append(message) }
        record(.received(client: name, message: message))
    }

    private func finish(_ end: ClientEnding) {
        let first: Bool = lock.withLock {
            guard ending == nil else { return false }
            ending = end
            return true
        }
        if first, case .agentClosed(let code, let reason) = end {
            record(.agentClosed(client: name, code: code, reason: reason))
        }
    }
}

/// How a scripted client's connection ended.
public enum ClientEnding: Sendable, Equatable {
    /// The agent sent a close frame (its code; 1005 if it had none), or the
    /// TCP stream ended without one (1006).
    case agentClosed(code: Int, reason: String)
    /// The client dropped the connection itself.
    case vanished
    /// The network reset the connection (a `connection_reset` fault).
    case resetByNetwork
    /// The agent sent something that is not valid WebSocket.
    case protocolError(String)
    /// The scenario was over and the runner closed the socket.
    case shutDown
}
