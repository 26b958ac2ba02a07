import Synchronization
@testable import Sockets
import TestSupport
import Testing
@testable import Wire

/// A read that took less than it had room for waits before reading again;
/// the wait must still end when the peer's end came on the same edge as the
/// last bytes, or the reader never hears of it.
@Suite struct ReadAfterShortReadTests {
    @Test func theEndThatCameWithTheLastBytesIsRead() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (client, server, listener) = try await connectedPair(reactor: reactor)
        defer { client.close(); server.close(); listener.close() }
        let buffer = WebSocketReadBuffer()
        let held = Flag(true)
        let spinning = Flag(false)
        let counts = try await within {
            try await withThrowingTaskGroup(of: [Int].self) { group in
                group.addTask(executorPreference: reactor) {
                    [try await buffer.read(from: server) ?? -1, try await buffer.read(from: server) ?? -1]
                }
                try await eventually("the reader waiting") { reactor.waiterCount == 1 }
                // Keep the reactor thread busy while the bytes and the end arrive, so
                // that one readiness event carries both and wakes the reader once.
                group.addTask(executorPreference: reactor) {
                    spinning.set(true)
                    while held.isSet {}
                    return []
                }
                try await eventually("the reactor held") { spinning.isSet }
                try await client.write([1, 2, 3, 4])
                try client.shutdownWrite()
                held.set(false)
                var reads: [Int] = []
                for try await result in group where !result.isEmpty { reads = result }
                return reads
            }
        }
        #expect(counts == [4, 0])
    }
}

/// A flag threads see at once (the spinning job polls it).
private final class Flag: Sendable {
    private let value: Atomic<Bool>
    init(_ initial: Bool) { value = Atomic(initial) }
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set(_ newValue: Bool) { value.store(newValue, ordering: .releasing) }
}
