import CEpoll
import Foundation

/// Many WebSocket clients that only count `drone_status` frames, served by
/// one dedicated OS thread on epoll: plain sockets, no tasks, no Wire, no JSON.
///
/// Why not Wire clients: 1,000 of them in this process would spend the two
/// cores on their own reading and parsing, and the figure would measure the
/// bench. Here each readable socket costs one `read` and a frame-header
/// scan; the receipt time is taken right after the `read` that completed
/// the frame. Server frames are unmasked, so the header is all there is to parse.
///
/// `@unchecked Sendable`: `arrivals`, `complete`, `waiter` and `stopped` are
/// only touched under `lock`; `clients` and the epoll set belong to the
/// reader thread once `start` returns (before it, to the caller alone).
final class StatusReceivers: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private struct Client {
        let fd: Int32
        var pending: [UInt8] = []
    }

    private var clients: [Client] = []
    private let epollFD: Int32
    private let lock = NSLock()
    /// For each client, the receipt time of each `drone_status` frame, in order.
    private var arrivals: [[ContinuousClock.Instant]]
    /// Clients that have received at least `target` status frames.
    private var complete = 0
    private var target = 0
    private var waiter: CheckedContinuation<Bool, Never>?
    private var waiterDeadline: ContinuousClock.Instant?
    private var stopped = false
    private let finished = NSCondition()
    private var threadDone = false

    /// Connects `count` clients to `port` on 127.0.0.1 and completes each
    /// handshake (blocking; call from a thread of its own, not a task).
    private init(count: Int, port: UInt16) throws {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        arrivals = Array(repeating: [], count: count)
        for _ in 0..<count { clients.append(try Self.connect(port: port)) }
        for (index, client) in clients.enumerated() {
            _ = fcntl(client.fd, F_SETFL, fcntl(client.fd, F_GETFL) | O_NONBLOCK)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = UInt64(index)
            guard epoll_ctl(epollFD, EPOLL_CTL_ADD, client.fd, &event) == 0 else { throw Failure(description: "epoll_ctl: errno \(errno)") }
        }
    }

    /// Connects on a dedicated thread (the connects and handshakes block) and starts the reader there.
    static func start(count: Int, port: UInt16) async throws -> StatusReceivers {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let receivers: StatusReceivers
                do { receivers = try StatusReceivers(count: count, port: port) } catch {
                    continuation.resume(throwing: error)
                    return
                }
                continuation.resume(returning: receivers)
                receivers.readLoop()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Waits until every client has received `frames` status frames in all; false at `timeout`.
    func waitForAll(frames: Int, timeout: Duration) async -> Bool {
        await withCheckedContinuation { continuation in
            lock.withLock {
                target = frames
                complete = arrivals.count { $0.count >= frames }
                if complete == arrivals.count {
                    continuation.resume(returning: true)
                } else {
                    waiter = continuation
                    waiterDeadline = .now + timeout
                }
            }
        }
    }

    /// Receipt of status frame `frame` (0-based) at each client.
    func arrivals(frame: Int) -> [ContinuousClock.Instant] {
        lock.withLock { arrivals.map { $0[frame] } }
    }

    /// Ends the reader thread and closes every socket (the agent sees each one go: 1006).
    func stop() {
        lock.withLock { stopped = true }
        finished.lock()
        while !threadDone { finished.wait() }
        finished.unlock()
        for client in clients { close(client.fd) }
        close(epollFD)
    }

    // MARK: - The reader thread

    private func readLoop() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer {
            events.deallocate()
            finished.lock()
            threadDone = true
            finished.signal()
            finished.unlock()
        }
        while !lock.withLock({ stopped }) {
            let count = epoll_wait(epollFD, events, Int32(capacity), 50)
            for index in 0..<max(Int(count), 0) {
                drain(Int(events[index].data.u64), into: &buffer)
            }
            checkDeadline()
        }
    }

    private func drain(_ index: Int, into buffer: inout [UInt8]) {
        while true {
            let n = buffer.withUnsafeMutableBytes { read(clients[index].fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }  // EAGAIN, or the agent closed: nothing more now
            let now = ContinuousClock.now
            clients[index].pending.append(contentsOf: buffer[0..<n])
            var statusFrames = 0
            while let (opcode, payload, length) = Self.frame(in: clients[index].pending) {
                if opcode == 0x1, Self.isStatus(clients[index].pending[payload]) { statusFrames += 1 }
                clients[index].pending.removeFirst(length)
            }
            guard statusFrames > 0 else { continue }
            lock.withLock {
                let before = arrivals[index].count
                for _ in 0..<statusFrames { arrivals[index].append(now) }
                if before < target, arrivals[index].count >= target { complete += 1 }
                if complete == arrivals.count, let waiter {
                    self.waiter = nil
                    waiter.resume(returning: true)
                }
            }
        }
    }

    private func checkDeadline() {
        lock.withLock {
            guard let waiter, let waiterDeadline, ContinuousClock.now >= waiterDeadline else { return }
            self.waiter = nil
            waiter.resume(returning: false)
        }
    }

    /// One whole unmasked frame at the start of `bytes`: opcode, payload range, total length.
    private static func frame(in bytes: [UInt8]) -> (UInt8, Range<Int>, Int)? {
        guard bytes.count >= 2 else { return nil }
        var length = Int(bytes[1] & 0x7F)
        var header = 2
        if length == 126 {
            guard bytes.count >= 4 else { return nil }
            length = Int(bytes[2]) << 8 | Int(bytes[3])
            header = 4
        } else if length == 127 {
            guard bytes.count >= 10 else { return nil }
            length = (2..<10).reduce(0) { $0 << 8 | Int(bytes[$1]) }
            header = 10
        }
        guard bytes.count >= header + length else { return nil }
        return (bytes[0] & 0x0F, header..<header + length, header + length)
    }

    /// `{"data":…,"type":"drone_status"}`: the agent writes keys sorted.
    private static let statusSuffix = Array(#""type":"drone_status"}"#.utf8)

    private static func isStatus(_ payload: ArraySlice<UInt8>) -> Bool {
        payload.count >= statusSuffix.count && payload.suffix(statusSuffix.count).elementsEqual(statusSuffix)
    }

    // MARK: - Connecting

    /// A blocking connect and WebSocket handshake; bytes after the 101's headers stay pending.
    private static func connect(port: UInt16) throws -> Client {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw Failure(description: "handshake write: errno \(errno)")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let end = Array("\r\n\r\n".utf8)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "handshake: the agent closed the connection") }
            received.append(contentsOf: chunk[0..<n])
            if let range = received.firstRange(of: end) {
                guard received.starts(with: Array("HTTP/1.1 101".utf8)) else {
                    throw Failure(description: "handshake refused: \(String(decoding: received.prefix(80), as: UTF8.self))")
                }
                return Client(fd: fd, pending: Array(received[range.upperBound...]))
            }
        }
    }
}
