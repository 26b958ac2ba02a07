import Foundation
@testable import Sockets
import TestSupport
import Testing

@Suite struct ReactorTests {
    @Test func cancellingAPendingAcceptResumesOnlyThatWaiter() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let listener = try TCPListener.bind(reactor: reactor)
        let (client, server, otherListener) = try await connectedPair(reactor: reactor)
        defer { listener.close(); client.close(); server.close(); otherListener.close() }

        let accepting = Task { try await listener.accept() }
        let reading = Task { try await server.read() }
        try await eventually { reactor.waiterCount == 2 }
        accepting.cancel()
        await #expect(throws: CancellationError.self) { try await within { try await accepting.value } }
        #expect(reactor.waiterCount == 1)

        // The reader is still parked and still works.
        try await client.write([1, 2, 3])
        #expect(try await within { try await reading.value } == [1, 2, 3])
        // And the listener still accepts after the cancelled wait.
        let accepted = Task { try await listener.accept() }
        let late = try await TCPConnection.connect(to: listener.localAddress, reactor: reactor)
        try await within { try await accepted.value }.close()
        late.close()
    }

    @Test func cancellingAPendingReadLeavesTheConnectionUsable() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let (client, server, listener) = try await connectedPair(reactor: reactor)
        defer { client.close(); server.close(); listener.close() }

        let reading = Task { try await server.read() }
        try await eventually { reactor.waiterCount == 1 }
        reading.cancel()
        await #expect(throws: CancellationError.self) { try await within { try await reading.value } }
        try await client.write([9])
        #expect(try await within { try await server.read() } == [9])
    }

    @Test func aTaskCancelledBeforeWaitingDoesNotPark() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let socket = try UDPSocket.bind(reactor: reactor)
        defer { socket.close() }
        let receiving = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await socket.receive()
        }
        await #expect(throws: CancellationError.self) { try await within { try await receiving.value } }
        #expect(reactor.waiterCount == 0)
    }

    @Test func twoReadersOfOneSocketIsAnErrorNotAHang() async throws {
        let reactor = try Reactor()
        defer { reactor.shutdown() }
        let socket = try UDPSocket.bind(reactor: reactor)
        defer { socket.close() }
        let first = Task { try await socket.receive() }
        try await eventually { reactor.waiterCount == 1 }
        let error = await #expect(throws: SocketError.self) { try await within { try await socket.receive() } }
        #expect(error?.code == EBUSY)
        first.cancel()
        _ = await first.result
    }

    @Test func shutdownFailsWaitersAndRefusesNewSockets() async throws {
        let reactor = try Reactor()
        let socket = try UDPSocket.bind(reactor: reactor)
        let receiving = Task { try await socket.receive() }
        try await eventually { reactor.waiterCount == 1 }
        reactor.shutdown()
        reactor.shutdown()
        let error = await #expect(throws: SocketError.self) { try await within { try await receiving.value } }
        #expect(error?.isClosed == true)
        #expect(throws: SocketError.self) { try UDPSocket.bind(reactor: reactor) }
        socket.close()
    }
}

@Suite struct ReactorLifetimeTests {
    /// After the thread is gone its fds stay open while the reactor lives, so a late
    /// `shutdown()` or socket close can never reach a file that recycled their numbers;
    /// and only the first shutdown wakes the thread.
    @Test func fdsOutliveTheThreadAndOnlyTheFirstShutdownWakesIt() async throws {
        let reactor = try Reactor()
        reactor.shutdown()
        try await eventually { reactor.lock.withLock { reactor.threadFinished } }
        reactor.shutdown()
        let socket = Result { try UDPSocket.bind(reactor: reactor) }
        #expect(throws: SocketError.self) { try socket.get() }
        #expect(fcntl(reactor.epollFD, F_GETFD) != -1)
        // The thread cleared the first shutdown's wake before it finished; a second
        // shutdown wrote none, so the eventfd is empty (a read would block).
        var wakes: UInt64 = 0
        #expect(read(reactor.wakeFD, &wakes, 8) == -1)
        #expect(errno == EAGAIN)
    }
}
