import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import Scenario

@Suite("Socket backlog (idle detection)")
struct SocketBacklogTests {
    #if canImport(Glibc)
        @Test func aWaitingDatagramIsSeenWithoutBeingConsumed() throws {
            var pair: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0, &pair) == 0)
            defer { close(pair[0]); close(pair[1]) }
            #expect(!SocketBacklog.hasInput(pair[1]))
            var message: [UInt8] = [1, 2, 3]
            #expect(send(pair[0], &message, 3, 0) == 3)
            #expect(SocketBacklog.hasInput(pair[1]))
            #expect(SocketBacklog.hasInput(pair[1]), "peeking must not consume")
            var buffer = [UInt8](repeating: 0, count: 8)
            #expect(recv(pair[1], &buffer, 8, 0) == 3)
            #expect(!SocketBacklog.hasInput(pair[1]))
        }

        @Test func anEndOfStreamCountsAsInput() throws {
            var pair: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
            defer { close(pair[1]) }
            #expect(!SocketBacklog.hasInput(pair[1]))
            close(pair[0])
            #expect(SocketBacklog.hasInput(pair[1]))
        }

        @Test func notASocketIsNoInput() {
            #expect(!SocketBacklog.hasInput(-1))
        }
    #endif
}
