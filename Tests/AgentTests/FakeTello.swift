import Agent
import Foundation
import JSONValue
import TelloSDK
import Testing

/// An in-memory Tello for tests of everything above the link: it records
/// what it was sent and answers at once, except commands it was told to hold
/// (a long move) until the test releases them. Like a real one it obeys
/// nothing but `command` until it is in SDK mode, and forgets SDK mode when
/// it restarts.
final class FakeTello: DroneTransport, @unchecked Sendable {
    // @unchecked Sendable: every mutable field is guarded by `lock`.
    private let lock = NSLock()
    private var sentLog: [String] = []
    private var held: [String: Int] = [:]
    private var heldReplies: [String] = []
    private var answers: [String: String] = [:]
    private var sdkMode = false
    private let replies: AsyncStream<String>.Continuation
    private let replyStream: AsyncStream<String>
    private let states: AsyncStream<String>.Continuation
    private let stateStream: AsyncStream<String>

    init() {
        (replyStream, replies) = AsyncStream.makeStream()
        (stateStream, states) = AsyncStream.makeStream()
    }

    var sent: [String] { lock.withLock { sentLog } }

    /// The next `count` commands starting with `prefix` get no reply until `release()`.
    func hold(_ prefix: String, count: Int = 1) { lock.withLock { held[prefix] = count } }

    /// Answers `command` with `reply` from now on.
    func answer(_ command: String, with reply: String) { lock.withLock { answers[command] = reply } }

    func release() {
        let pending = lock.withLock { () -> [String] in
            defer { heldReplies.removeAll() }
            return heldReplies
        }
        pending.forEach { replies.yield($0) }
    }

    func pushState(_ line: String) { states.yield(line) }

    /// A battery swap or power cycle: out of SDK mode, replies it owed are gone.
    func restart() {
        lock.withLock {
            sdkMode = false
            heldReplies.removeAll()
        }
    }

    func send(_ command: TelloCommand) async throws {
        let text = command.text
        let reply: String? = lock.withLock {
            sentLog.append(text)
            if text == "command" { sdkMode = true }
            guard sdkMode else { return nil }
            let reply = answers[text] ?? probeAnswer(text) ?? (text.hasSuffix("?") ? "87" : "ok")
            if let prefix = held.keys.first(where: { text.hasPrefix($0) }), let count = held[prefix], count > 0 {
                held[prefix] = count - 1
                heldReplies.append(reply)
                return nil
            }
            return reply
        }
        if let reply { replies.yield(reply) }
    }

    func receiveReply() async throws -> String {
        for await reply in replyStream { return reply }
        throw CancellationError()
    }

    func receiveState() async throws -> String {
        for await line in stateStream { return line }
        throw CancellationError()
    }

    func close() {
        replies.finish()
        states.finish()
    }
}

/// Collects broadcast messages.
final class MessageLog: @unchecked Sendable {
    // @unchecked Sendable: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: [JSONValue] = []
    func append(_ message: JSONValue) { lock.withLock { stored.append(message) } }
    var all: [JSONValue] { lock.withLock { stored } }
    var types: [String] { all.compactMap { $0["type"]?.stringValue } }
}
