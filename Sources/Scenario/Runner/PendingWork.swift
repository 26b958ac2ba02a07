import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Work this process has not done yet, as the kernel sees it. The runner
/// only moves virtual time when this is zero (or has stayed the same for a
/// long while), which keeps a loaded machine from making it jump early:
///
/// - a socket with input waiting (a datagram, bytes, an end of stream) is a
///   task about to wake, even if the reactor thread has not been scheduled yet;
/// - a thread other than the caller's that is running or runnable (state `R`
///   in `/proc/self/task/*/stat`) is work in progress, even if it has not
///   logged or sent anything yet; an idle process has every other thread
///   parked (the cooperative pool on a futex, the reactor in `epoll_wait`).
///
/// Sockets are probed with `poll` and a zero timeout, which changes nothing
/// for their owner: no data consumed, no pending error cleared (a `recv`
/// peek would clear a pending ECONNREFUSED and make the owner see another
/// error), no edge-triggered epoll event lost. Input, an end of stream, an
/// error and a connection waiting to be accepted all count. Linux only;
/// elsewhere it reports nothing and idle detection relies on its other signals.
enum PendingWork {

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

    /// True if a read (or accept) on `fd` would return at once: data, a
    /// datagram, an end of stream, a pending error or a waiting connection.
    static func hasInput(_ fd: Int32) -> Bool {
        #if canImport(Glibc)
            var probe = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&probe, 1, 0) == 1 else { return false }
            // Not a bare POLLHUP: a TCP socket bound but neither connected nor
            // listening (a port held so connections are refused) reports it for
            // ever, and nothing will wake for it. An end of stream sets POLLIN.
            return probe.revents & Int16(POLLIN | POLLERR) != 0
        #else
            return false
        #endif
    }

    /// Threads of this process, other than the calling one, that are running or runnable.
    static func busyThreads() -> Int {
        #if canImport(Glibc)
            guard let tids = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return 0 }
            let me = currentThreadID()
            var busy = 0
            for tid in tids where tid != me {
                guard let stat = FileManager.default.contents(atPath: "/proc/self/task/\(tid)/stat") else { continue }
                if state(ofStat: stat) == UInt8(ascii: "R") { busy += 1 }
            }
            return busy
        #else
            return 0
        #endif
    }

    /// The state letter of a `/proc/.../stat` line: the first field after the
    /// command name, which is in parentheses and may itself hold spaces or ")".
    static func state(ofStat stat: Data) -> UInt8? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex else { return nil }
        return stat[close + 2]
    }

    /// The calling thread's id, from the `/proc/thread-self` link ("PID/task/TID").
    static func currentThreadID() -> String? {
        #if canImport(Glibc)
            var link = [CChar](repeating: 0, count: 64)
            let length = readlink("/proc/thread-self", &link, link.count - 1)
            guard length > 0 else { return nil }
            let text = String(decoding: link[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return text.split(separator: "/").last.map(String.init)
        #else
            return nil
        #endif
    }
}
