@testable import Sockets
import Testing

@Suite struct SocketAddressTests {
    @Test func parsesAndPrintsHostPort() throws {
        let address = try #require(SocketAddress("192.168.10.1:8889"))
        #expect(address.host == "192.168.10.1")
        #expect(address.port == 8889)
        #expect(address.ipv4 == 0xC0A8_0A01)
        #expect(address.description == "192.168.10.1:8889")
        #expect(SocketAddress(address.description) == address)
    }

    @Test func localhostMeansLoopback() {
        #expect(SocketAddress("localhost:3002") == .loopback(port: 3002))
    }

    @Test(arguments: ["", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.256:1", "example.com:80", ":80", "1.2.3:4"])
    func rejectsMalformed(_ text: String) {
        #expect(SocketAddress(text) == nil)
    }

    @Test func changesPortKeepingHost() {
        #expect(SocketAddress("10.0.0.7:8889")?.with(port: 8890).description == "10.0.0.7:8890")
    }
}
