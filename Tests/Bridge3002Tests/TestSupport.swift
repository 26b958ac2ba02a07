import Clocks
import Foundation
import JSONValue
import Logs
import PostTransport
import Testing

@testable import Bridge3002

/// Sequential keys so tests can name analyses: k1, k2, ...
final class KeyCounter: @unchecked Sendable {
    // @unchecked Sendable: `next` is only touched under `lock`.
    private let lock = NSLock()
    private var next = 0
    func make() -> String { lock.withLock { next += 1; return "k\(next)" } }
}

extension Bridge3002Client {
    static func make(
        transport: any HTTPPoster, time: any TimeSource, sink: MemorySink = MemorySink(), outboxPath: String? = nil,
        capacity: Int = 1000, keys: KeyCounter = KeyCounter()
    ) throws -> Bridge3002Client {
        let options = Bridge3002Options(
            endpoint: BackendEndpoint(url: URL(string: "http://127.0.0.1:9/api/ai-analysis")!), capacity: capacity,
            outboxPath: outboxPath)
        return try Bridge3002Client(
            options: options, transport: transport, time: time,
            logger: Logger(component: "bridge3002", minimumLevel: .trace, sink: sink),
            makeKey: { keys.make() }, wallClock: { Date(timeIntervalSince1970: 1_764_064_168) })
    }
}

func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("bridge3002-\(UUID().uuidString)-\(name)").path
}

/// A `VirtualTime` that also records every sleep asked of it, so a test can
/// count how often the delivery loop went to sleep (one backoff wait per
/// turn) and see a loop that spins instead of idling.
final class RecordingTime: TimeSource, @unchecked Sendable {
    // @unchecked Sendable: `deadlines` is only touched under `lock`; `virtual` is Sendable.
    let virtual = VirtualTime()
    private let lock = NSLock()
    private var deadlines: [Duration] = []

    var now: Duration { virtual.now }

    func sleep(until deadline: Duration) async throws {
        lock.withLock { deadlines.append(deadline) }
        try await virtual.sleep(until: deadline)
    }

    /// Every deadline slept on so far, in call order.
    var sleeps: [Duration] { lock.withLock { deadlines } }

    /// Sleeps on `deadline` so far.
    func sleeps(until deadline: Duration) -> Int { sleeps.filter { $0 == deadline }.count }
}
