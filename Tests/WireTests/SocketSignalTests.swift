import Foundation
import Glibc
@testable import Sockets
import TestSupport
import Testing

/// Signals arriving during I/O must not be failures: the reactor's epoll_wait
/// sees EINTR (the handler is installed without SA_RESTART) and carries on.
@Suite struct SocketSignalTests {
    /// Sends SIGUSR1 to one thread until stopped, counting.
    /// `@unchecked Sendable`: `running` and `sent` are guarded by `lock`.
    final class SignalStorm: @unchecked Sendable {
        private let lock = NSLock()
        private var running = true
        private var sent = 0

        func start(at target: pthread_t) {
            let thread = Thread { @Sendable [self] in
                while lock.withLock({ running }) {
                    if pthread_kill(target, SIGUSR1) == 0 { lock.withLock { sent += 1 } }
                    usleep(50)
                }
            }
            thread.start()
        }

        func stop() -> Int {
            lock.withLock {
                running = false
                return sent
            }
        }
    }

    @Test func ioCompletesWhileTheReactorIsInterruptedBySignals() async throws {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGUSR1, &action, nil)

        let reactor = try Reactor()
        defer { reactor.shutdown() }
        try await eventually { reactor.lock.withLock { reactor.thread } != nil }
        let storm = SignalStorm()
        storm.start(at: try #require(reactor.lock.withLock { reactor.thread }))

        let (client, server, listener) = try await connectedPair(reactor: reactor)
        defer { client.close(); server.close(); listener.close() }
        let udpServer = try UDPSocket.bind(reactor: reactor)
        let udpClient = try UDPSocket.bind(reactor: reactor)
        defer { udpServer.close(); udpClient.close() }
        var random = SeededBytes(seed: 3)
        let payload = random.next(count: 2 << 20)
        try await within(20) { () async throws in
            async let sent: Void = { try await client.write(payload); client.close() }()
            #expect(try await readAll(server) == payload)
            try await sent
            for index in 0..<100 {
                try await udpClient.send([UInt8(index)], to: udpServer.localAddress)
                #expect(try await udpServer.receive().bytes == [UInt8(index)])
            }
        }
        #expect(storm.stop() > 0)
    }
}
