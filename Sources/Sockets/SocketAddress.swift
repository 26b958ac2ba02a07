import Glibc

/// An IPv4 address and port, printed and parsed as "127.0.0.1:8889".
///
/// IPv4 only: the Tello speaks IPv4 (192.168.10.1) and every server here
/// binds 127.0.0.1 or 0.0.0.0. Host names are not resolved (that would block
/// a thread in getaddrinfo), except "localhost", which the original agent's 3002 URL uses.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The address in host byte order (127.0.0.1 is 0x7F00_0001).
    public let ipv4: UInt32
    public let port: UInt16

    public init(ipv4: UInt32, port: UInt16) {
        self.ipv4 = ipv4
        self.port = port
    }

    /// "a.b.c.d" or "localhost", and a port; nil for anything else.
    public init?(host: String, port: UInt16) {
        let dotted = host == "localhost" ? "127.0.0.1" : host
        var address = in_addr()
        guard inet_pton(AF_INET, dotted, &address) == 1 else { return nil }
        self.init(ipv4: UInt32(bigEndian: address.s_addr), port: port)
    }

    /// Parses "HOST:PORT", e.g. "127.0.0.1:8889" or "localhost:3002".
    public init?(_ description: String) {
        guard let colon = description.lastIndex(of: ":"),
              let port = UInt16(description[description.index(after: colon)...])
        else { return nil }
        self.init(host: String(description[..<colon]), port: port)
    }

    /// 127.0.0.1 with `port` (0 = let the system pick, for tests and servers).
    public static func loopback(port: UInt16 = 0) -> SocketAddress {
        SocketAddress(ipv4: 0x7F00_0001, port: port)
    }

    /// 0.0.0.0 with `port`: every interface (the simulator's default, like a real drone).
    public static func any(port: UInt16 = 0) -> SocketAddress {
        SocketAddress(ipv4: 0, port: port)
    }

    /// In 127.0.0.0/8: reachable from this machine only.
    public var isLoopback: Bool { ipv4 >> 24 == 127 }

    /// The dotted-quad host, e.g. "127.0.0.1".
    public var host: String {
        (0..<4).map { String((ipv4 >> (24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
    }

    public var description: String { "\(host):\(port)" }

    /// The same host with another port (e.g. the state port 8890 of the peer that sent `command`).
    public func with(port: UInt16) -> SocketAddress {
        SocketAddress(ipv4: ipv4, port: port)
    }

    init(_ raw: sockaddr_in) {
        self.init(ipv4: UInt32(bigEndian: raw.sin_addr.s_addr), port: UInt16(bigEndian: raw.sin_port))
    }

    /// Calls `body` with this address as a `sockaddr` for bind/connect/sendto.
    func withSockAddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        var raw = sockaddr_in()
        raw.sin_family = sa_family_t(AF_INET)
        raw.sin_port = port.bigEndian
        raw.sin_addr.s_addr = ipv4.bigEndian
        return withUnsafePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Reads an address filled in by getsockname/getpeername/recvfrom/accept.
    static func reading(_ fill: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32) -> SocketAddress? {
        var raw = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { fill($0, &length) }
        }
        guard result >= 0, raw.sin_family == sa_family_t(AF_INET) else { return nil }
        return SocketAddress(raw)
    }
}
