import Glibc
@testable import Sockets

/// A loopback TCP port that refuses every connection and stays ours while the
/// test runs: the socket is bound but never listens, so the kernel answers a
/// SYN with RST. Binding a listener, closing it and connecting to its old
/// port instead races every other test that binds port 0 in parallel: one
/// of them may be given that port and accept.
final class RefusingPort {
    let address: SocketAddress
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", code: errno) }
        var raw = sockaddr_in()
        raw.sin_family = sa_family_t(AF_INET)
        raw.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &raw) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketError(operation: "bind", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &raw) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            Glibc.close(fd)
            throw SocketError(operation: "getsockname", code: code)
        }
        self.fd = fd
        address = SocketAddress.loopback(port: UInt16(bigEndian: raw.sin_port))
    }

    deinit { Glibc.close(fd) }
}
