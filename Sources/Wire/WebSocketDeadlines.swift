import Clocks
import Sockets

/// The timers of many WebSocket connections (keepalive ping, pong deadline,
/// close handshake timeout, the linger after a close) driven by ONE task on
/// one injected `TimeSource`, instead of a timer task and a sleeping child per
/// connection: an idle connection then costs a heap entry, not two task stacks.
///
/// A server runs one for all its WebSocket connections (as a child of its
/// accept task); a connection without a server (a client) runs its own.
/// Entries are a min-heap by deadline. A connection registers a deadline only
/// when it is earlier than the one it already has here; when an entry comes
/// due, the connection is asked (`deadlineCame`) and looks at its own state:
/// a deadline that moved later (traffic postponed the keepalive) just
/// registers again, so traffic costs no work here. Entries hold the connection
/// weakly, so a closed connection is not kept alive by a late entry, and the
/// entries of connections that are gone are dropped when they reach the top
/// of the heap: after thousands of short sessions the driver sleeps straight
/// to the next live deadline instead of waking for each of theirs.
///
/// `@unchecked Sendable`: `heap`, `parked`, `parkedUntil`, `generation` and
/// `stopped` are only touched under `lock`.
final class WebSocketDeadlines: @unchecked Sendable {
    let time: any TimeSource

    private struct Entry {
        let at: Duration
        let token: UInt64
        weak var connection: WebSocketConnection?
    }

    private let lock = Lock()
    private var heap: [Entry] = []
    /// The driver, parked until `parkedUntil` (nil: until any entry arrives) or `stop`.
    private var parked: CheckedContinuation<Void, Never>?
    private var parkedUntil: Duration?
    private var generation: UInt64 = 0
    /// Entries pushed so far: the driver parks only if none came since it looked.
    private var pushed: UInt64 = 0
    private var stopped = false

    init(time: any TimeSource) {
        self.time = time
    }

    /// True when `clock` is this driver's clock (the same instance, or equal
    /// system clocks), so a connection's deadlines on `clock` can be kept here.
    func runs(on clock: any TimeSource) -> Bool {
        if let mine = time as? SystemTime, let theirs = clock as? SystemTime { return mine == theirs }
        guard type(of: time) is AnyClass, type(of: clock) is AnyClass else { return false }
        return (time as AnyObject) === (clock as AnyObject)
    }

    /// Asks `connection` (`deadlineCame(token)`) once `deadline` has come.
    func schedule(_ connection: WebSocketConnection, token: UInt64, at deadline: Duration) {
        let driver: CheckedContinuation<Void, Never>? = lock.withLock {
            guard !stopped else { return nil }
            push(Entry(at: deadline, token: token, connection: connection))
            guard let parked, parkedUntil.map({ deadline < $0 }) ?? true else { return nil }
            self.parked = nil
            return parked
        }
        driver?.resume()
    }

    /// Ends `run` (once every connection it served is over).
    func stop() {
        let driver: CheckedContinuation<Void, Never>? = lock.withLock {
            stopped = true
            heap = []
            defer { parked = nil }
            return parked
        }
        driver?.resume()
    }

    /// Fires due entries in deadline order and sleeps until the next one, until `stop`.
    /// While this task is cancelled it does not sleep: it fires only what is due when woken.
    func run() async {
        while true {
            let (due, next, seen, ended) = lock.withLock { () -> ([Entry], Duration?, UInt64, Bool) in
                let now = time.now
                var due: [Entry] = []
                while let first = heap.first, first.at <= now { due.append(popFirst()) }
                // A gone connection's entry would wake this driver for nothing: dropped once on top.
                while let first = heap.first, first.connection == nil { _ = popFirst() }
                return (due, heap.first?.at, pushed, stopped)
            }
            for entry in due {
                if let connection = entry.connection { await connection.deadlineCame(entry.token) }
            }
            if !due.isEmpty { continue }
            if ended { return }
            await park(until: Task.isCancelled ? nil : next, seen: seen)
        }
    }

    /// Waits until `deadline` (a child sleeps on the clock), an earlier entry, or `stop`.
    /// The park looks at the entries pushed and the clock again under the lock, so
    /// an entry or a wake-up that came since `run` looked (`seen`) is not missed.
    private func park(until deadline: Duration?, seen: UInt64) async {
        let generation = lock.withLock {
            self.generation &+= 1
            return self.generation
        }
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask { [time] in
                    _ = try? await time.sleep(until: deadline)
                    self.wake(generation)
                }
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now: Bool = lock.withLock {
                    if stopped || pushed != seen || deadline.map({ time.now >= $0 }) == true { return true }
                    parked = continuation
                    parkedUntil = deadline
                    return false
                }
                if now { continuation.resume() }
            }
            group.cancelAll()
        }
    }

    private func wake(_ generation: UInt64) {
        let driver: CheckedContinuation<Void, Never>? = lock.withLock {
            guard generation == self.generation, let parked else { return nil }
            self.parked = nil
            return parked
        }
        driver?.resume()
    }

    // MARK: the heap (under `lock`)

    private func push(_ entry: Entry) {
        pushed &+= 1
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].at < heap[smallest].at { smallest = left }
            if right < heap.count && heap[right].at < heap[smallest].at { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
