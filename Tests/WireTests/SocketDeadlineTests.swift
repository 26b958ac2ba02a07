import Clocks
@testable import Sockets
import TestSupport
import Testing

@Suite struct SocketDeadlineTests {
    @Test func aReadPastItsDeadlineThrowsAndLeavesTheConnectionUsable() async throws {
        let time = VirtualTime()
        let (client, server, listener) = try await connectedPair()
        defer { client.close(); server.close(); listener.close() }
        let reading = Task { try await withDeadline(.seconds(5), on: time) { try await server.read() } }
        try await eventually { time.nextDeadline == .seconds(5) }
        time.advance(by: .seconds(5))
        await #expect(throws: DeadlineExceeded(deadline: .seconds(5))) { try await within { try await reading.value } }
        try await client.write([4, 2])
        #expect(try await within { try await server.read() } == [4, 2])
    }

    @Test func theOperationWinsWhenItFinishesFirst() async throws {
        let time = VirtualTime()
        #expect(try await withDeadline(.seconds(1), on: time) { 42 } == 42)
        #expect(time.sleeperCount == 0)
    }

    @Test func aResultProducedDespiteCancellationIsKept() async throws {
        let time = VirtualTime()
        let running = Task {
            try await withDeadline(.seconds(1), on: time) { () async -> Int in
                // Ignores cancellation, like a read whose bytes were already taken.
                try? await time.sleep(until: .seconds(100))
                return 7
            }
        }
        try await eventually { time.sleeperCount == 2 }
        time.advance(by: .seconds(1))
        #expect(try await within { try await running.value } == 7)
    }

    @Test func operationErrorsPassThrough() async throws {
        struct Failure: Error, Equatable {}
        await #expect(throws: Failure()) {
            try await withDeadline(.seconds(1), on: VirtualTime()) { () async throws -> Int in throw Failure() }
        }
    }
}
