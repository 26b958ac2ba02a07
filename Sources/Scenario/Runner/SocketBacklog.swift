import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How many of this process's sockets have something waiting to be read (a
/// datagram, bytes, or an end of stream): each is a task about to wake, so
/// the system is not idle however quiet everything else looks. This is what
/// keeps idle detection honest on a loaded machine, where the reactor thread
/// may be descheduled for a while with a datagram already in the kernel.
///
/// Sockets are found through `/proc/self/fd` and probed with
/// `recv(MSG_PEEK | MSG_DONTWAIT)`, which neither consumes data nor disturbs
/// the owner's edge-triggered epoll. A listening socket, an empty queue or a
/// reused fd all answer with an error and count as nothing waiting. Linux
/// only; elsewhere it reports 0 and idle detection uses its other signals.
enum SocketBacklog {
    static func socketsWithInput() -> Int {
        #if canImport(Glibc)
            guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return 0 }
            var link = [CChar](repeating: 0, count: 32)
            var waiting = 0
            for name in fds {
                guard let fd = Int32(name) else { continue }
                let length = readlink("/proc/self/fd/" + name, &link, link.count - 1)
                // "socket:[" is 8 bytes: compare without building a String.
                guard length > 8, link[0] == 0x73, link[1] == 0x6F, link[2] == 0x63, link[6] == 0x3A else { continue }
                if hasInput(fd) { waiting += 1 }
            }
            return waiting
        #else
            return 0
        #endif
    }

    /// True if a read on `fd` would return at once (data, a datagram, or end of stream).
    static func hasInput(_ fd: Int32) -> Bool {
        #if canImport(Glibc)
            var byte: UInt8 = 0
            return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) >= 0
        #else
            return false
        #endif
    }
}
