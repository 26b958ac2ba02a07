import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP port on 127.0.0.1 bound but not listening: a connection to it is
/// refused, as to a backend that is not running, and while it is held the
/// system gives the port to nobody else (a server binding port 0 skips it,
/// one asking for it by number is refused). What "down" means for the mock.
struct RefusingPort: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        let code: Int32
    }

    private let fd: Int32

    /// Holds `port`; throws when something else holds it already.
    ///
    /// First without SO_REUSEADDR, so that even a listener asking for the port
    /// by number is refused. A port may still carry connections a server closed
    /// (TIME_WAIT, FIN_WAIT: a server with SO_REUSEADDR is given such a port
    /// for port 0); those refuse that first bind, so then with SO_REUSEADDR,
    /// which they allow. Held that way, the port is still skipped by every
    /// server binding port 0 (the kernel does not share a port it picks), and
    /// still refuses connections; only a server asking for it by number with
    /// SO_REUSEADDR could share it, and the mock itself is the one that does.
    init(_ port: UInt16) throws {
        do {
            fd = try Self.bind(port, reusingAddress: false)
        } catch let failure as Failure where failure.code == EADDRINUSE {
            fd = try Self.bind(port, reusingAddress: true)
        }
    }

    private static func bind(_ port: UInt16, reusingAddress: Bool) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))", code: errno) }
        if reusingAddress {
            var on: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: "cannot hold 127.0.0.1:\(port): \(String(cString: strerror(code)))", code: code)
        }
        return fd
    }

    /// Lets the port go (once; the holder forgets it).
    func release() { close(fd) }
}
