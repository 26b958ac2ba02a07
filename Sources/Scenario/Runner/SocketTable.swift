import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The sockets this process has open, with the kernel's view of each:
/// addresses, TCP state, bytes queued either way. A stuck run is explained
/// by these (a client whose handshake nobody answers sits ESTABLISHED with
/// nothing unread; a writer nobody reads has bytes queued to send).
///
/// Read from `/proc/self/fd` (which sockets are ours) and the tables in
/// `/proc/self/net` (their state), which cost nothing to the sockets' owners.
/// Linux only; elsewhere the table is empty.
struct SocketTable {
    struct Entry: Equatable {
        var fd: Int32
        var proto: String
        var local: String
        var remote: String?
        var state: String
        var sendQueue: Int
        var receiveQueue: Int
    }

    var entries: [Entry]

    /// The process's sockets, in fd order.
    static func current() -> SocketTable {
        #if canImport(Glibc)
            var byInode: [String: (proto: String, fields: [Substring])] = [:]
            for proto in ["tcp", "udp", "tcp6", "udp6"] {
                // Read to the end: a single read of a /proc table stops at one page.
                guard let data = FileHandle(forReadingAtPath: "/proc/self/net/" + proto)?.readDataToEndOfFile() else { continue }
                for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
                    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                    guard fields.count > 9 else { continue }
                    byInode[String(fields[9])] = (proto, fields)
                }
            }
            var entries: [Entry] = []
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for name in names {
                guard let fd = Int32(name),
                    let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
                    target.hasPrefix("socket:[")
                else { continue }
                let inode = String(target.dropFirst("socket:[".count).dropLast())
                guard let (proto, fields) = byInode[inode] else { continue }
                entries.append(entry(fd: fd, proto: proto, fields: fields))
            }
            return SocketTable(entries: entries.sorted { $0.fd < $1.fd })
        #else
            return SocketTable(entries: [])
        #endif
    }

    /// One row of `/proc/net/{tcp,udp}[6]`: `sl local remote st tx:rx ...`.
    static func entry(fd: Int32, proto: String, fields: [Substring]) -> Entry {
        let queues = fields[4].split(separator: ":")
        let state = String(fields[3])
        let remote = address(fields[2])
        let unconnected = remote.hasSuffix(":0") && (remote.hasPrefix("0.0.0.0") || remote.hasPrefix("[::]"))
        return Entry(
            fd: fd, proto: proto, local: address(fields[1]), remote: unconnected ? nil : remote,
            state: proto.hasPrefix("tcp") ? tcpStates[state] ?? "state \(state)" : (unconnected ? "unconnected" : "connected"),
            sendQueue: queues.first.flatMap { Int($0, radix: 16) } ?? 0,
            receiveQueue: queues.last.flatMap { Int($0, radix: 16) } ?? 0)
    }

    /// `0100007F:1F90` is 127.0.0.1:8080 (the address in the kernel's byte order, the port as a number).
    static func address(_ field: Substring) -> String {
        let parts = field.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1], radix: 16) else { return String(field) }
        let hex = parts[0]
        if hex.count == 8, let raw = UInt32(hex, radix: 16) {
            let bytes = [raw & 0xFF, raw >> 8 & 0xFF, raw >> 16 & 0xFF, raw >> 24]
            return bytes.map(String.init).joined(separator: ".") + ":\(port)"
        }
        return (hex.allSatisfy { $0 == "0" } ? "[::]" : "[\(hex)]") + ":\(port)"
    }

    static let tcpStates = [
        "01": "ESTABLISHED", "02": "SYN_SENT", "03": "SYN_RECV", "04": "FIN_WAIT1", "05": "FIN_WAIT2",
        "06": "TIME_WAIT", "07": "CLOSE", "08": "CLOSE_WAIT", "09": "LAST_ACK", "0A": "LISTEN", "0B": "CLOSING",
    ]

    /// One line per socket, at most `limit` lines (then how many were left
    /// out): first those on `port` (the agent's), then those with bytes
    /// waiting either way, then the rest in fd order.
    func lines(limit: Int, port: UInt16? = nil) -> [String] {
        func rank(_ entry: Entry) -> Int {
            let onPort = port.map { port in [entry.local, entry.remote ?? ""].contains { $0.hasSuffix(":\(port)") } } ?? false
            return (onPort ? 0 : 2) + (entry.sendQueue + entry.receiveQueue > 0 ? 0 : 1)
        }
        let ordered = entries.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        var lines = ordered.prefix(limit).map { entry in
            var line = "fd \(entry.fd) \(entry.proto) \(entry.local)"
            if let remote = entry.remote { line += " -> \(remote)" }
            line += " \(entry.state)"
            if entry.sendQueue > 0 { line += ", \(entry.sendQueue) bytes not yet sent or acknowledged" }
            if entry.receiveQueue > 0, entry.state != "LISTEN" { line += ", \(entry.receiveQueue) bytes unread" }
            if PendingWork.hasInput(entry.fd) { line += entry.state == "LISTEN" ? " (a connection waiting to be accepted)" : " (input waiting)" }
            return line
        }
        if entries.count > limit { lines.append("... and \(entries.count - limit) more") }
        return lines
    }
}
