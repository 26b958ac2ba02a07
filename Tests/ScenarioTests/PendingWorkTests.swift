import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import Scenario

@Suite("Pending work (idle detection)")
struct PendingWorkTests {
    #if canImport(Glibc)
        @Test func aWaitingDatagramIsSeenWithoutBeingConsumed() throws {
            var pair: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0, &pair) == 0)
            defer { close(pair[0]); close(pair[1]) }
            #expect(!PendingWork.hasInput(pair[1]))
            var message: [UInt8] = [1, 2, 3]
            #expect(send(pair[0], &message, 3, 0) == 3)
            #expect(PendingWork.hasInput(pair[1]))
            #expect(PendingWork.hasInput(pair[1]), "peeking must not consume")
            var buffer = [UInt8](repeating: 0, count: 8)
            #expect(recv(pair[1], &buffer, 8, 0) == 3)
            #expect(!PendingWork.hasInput(pair[1]))
        }

        /// A TCP socket bound but neither connected nor listening (the 3002
        /// mock holding its port while down) reports a bare hang-up forever:
        /// nothing will ever wake for it, so it is not work.
        @Test func aHeldPortIsNotWork() throws {
            let held = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(held) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(held, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            #expect(bound == 0)
            #expect(!PendingWork.hasInput(held))
        }

        @Test func anEndOfStreamCountsAsInput() throws {
            var pair: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
            defer { close(pair[1]) }
            #expect(!PendingWork.hasInput(pair[1]))
            close(pair[0])
            #expect(PendingWork.hasInput(pair[1]))
        }

        @Test func aPendingResetIsSeenAndLeftForItsOwner() async throws {
            // A TCP pair on loopback whose server side resets the connection.
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(listener) }
            var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: UInt32(0x7F00_0001).bigEndian), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    try #require(bind(listener, raw, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, raw, &length) == 0)
                }
            }
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(client) }
            try withUnsafePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    try #require(connect(client, raw, length) == 0)
                }
            }
            let accepted = accept(listener, nil, nil)
            var reset = Glibc.linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(accepted, SOL_SOCKET, SO_LINGER, &reset, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(accepted)
            try await eventually("the reset to arrive") { PendingWork.hasInput(client) }
            var byte: UInt8 = 0
            #expect(recv(client, &byte, 1, 0) == -1)
            #expect(errno == ECONNRESET, "the probe must leave the pending error to the socket's owner")
        }

        @Test func notASocketIsNoInput() {
            #expect(!PendingWork.hasInput(-1))
        }

        @Test func theStateLetterFollowsTheLastParenthesis() {
            #expect(PendingWork.state(ofStat: Data("4242 (tello-scenario) S 1 2 3".utf8)) == UInt8(ascii: "S"))
            #expect(PendingWork.state(ofStat: Data("4243 (odd) name) R 1 2 3".utf8)) == UInt8(ascii: "R"))
            #expect(PendingWork.state(ofStat: Data("garbage".utf8)) == nil)
        }

        @Test func theCallingThreadIsOneOfOurs() throws {
            let me = try #require(PendingWork.currentThreadID())
            #expect(try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").contains(me))
        }
    #endif
}
