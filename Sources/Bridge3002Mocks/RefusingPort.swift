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
    }

    private let fd: Int32

    /// Holds `port`; throws when something else holds it already.
    init(_ port: UInt16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        // No SO_REUSEADDR: a listener asking for this port must fail while it is held.
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot hold 127.0.0.1:\(port): \(reason)")
        }
        self.fd = fd
    }

    /// Lets the port go (once; the holder forgets it).
    func release() { close(fd) }
}
