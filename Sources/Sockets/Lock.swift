import CEpoll
import Glibc
import Synchronization

/// A mutual-exclusion lock for state a class guards by hand (the reactor's
/// tables, a socket's fd): `Synchronization.Mutex` without a value, so this
/// layer needs no Foundation for its one lock.
package final class Lock: Sendable {
    private let mutex = Mutex(())

    package init() {}

    package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        try mutex.withLock { _ in try body() }
    }
}

/// Starts a detached POSIX thread running `body` (the reactor's epoll loop must
/// not run on the cooperative pool, whose threads may not block).
func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let named: @Sendable () -> Void = {
        cepoll_name_this_thread(name)
        body()
    }
    final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Box(named)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, context)
    guard result == 0 else { fatalError("cannot start thread \(name): errno \(result)") }
    pthread_detach(thread)
}
