import Glibc
@testable import Sockets
import Testing

/// Every bind error says which address and port it could not take.
@Suite struct BindErrorNamesTheAddressTests {
    @Test func aTakenTCPPortIsNamed() throws {
        let taken = try TCPListener.bind(.loopback())
        defer { taken.close() }
        let error = #expect(throws: SocketError.self) { try TCPListener.bind(taken.localAddress) }
        #expect(error?.description.contains("\(taken.localAddress)") == true, "\(String(describing: error))")
        #expect(error?.code == EADDRINUSE)
    }

    @Test func aTakenUDPPortIsNamed() throws {
        let taken = try UDPSocket.bind(.loopback())
        defer { taken.close() }
        let error = #expect(throws: SocketError.self) { try UDPSocket.bind(taken.localAddress) }
        #expect(error?.description.contains("\(taken.localAddress)") == true, "\(String(describing: error))")
    }

    @Test func theFailureSaysWhatThePortWasForAndWhatToDo() throws {
        let taken = try UDPSocket.bind(.loopback())
        defer { taken.close() }
        let failure = #expect(throws: BindFailure.self) {
            try BindFailure.explaining("the drone's state stream (UDP)", at: taken.localAddress, portFlag: nil,
                                       usualSuspect: "another agent") { try UDPSocket.bind(taken.localAddress) }
        }
        let text = failure?.description ?? ""
        #expect(text.contains("\(taken.localAddress)") && text.contains("state stream") && text.contains("another agent"), "\(text)")
        let elsewhere = SocketAddress(host: "192.0.2.1", port: 0)!
        let foreign = #expect(throws: BindFailure.self) {
            try BindFailure.explaining("the WebSocket API", at: elsewhere, portFlag: "--port", usualSuspect: "another tello-agent") {
                try TCPListener.bind(elsewhere)
            }
        }
        #expect(foreign?.description.contains("not an address of this machine") == true, "\(String(describing: foreign))")
    }
}
