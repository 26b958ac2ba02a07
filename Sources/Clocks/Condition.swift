import Glibc

/// A POSIX mutex with a condition variable: what `NSCondition` gave this
/// module, without linking Foundation into everything that keeps time.
/// Used as a plain lock too (`withLock` alone).
///
/// `@unchecked Sendable`: the mutex and the condition live at fixed heap
/// addresses (pthread objects must not move) and are only used through
/// the pthread calls, which are thread-safe.
final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        mutex.initialize(to: pthread_mutex_t())
        condition.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Releases the lock until signalled, then holds it again. Only inside `withLock`.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes one thread waiting in `wait()`.
    func signal() { pthread_cond_signal(condition) }
}

/// Starts a detached POSIX thread named `name` (the first 15 bytes: the
/// kernel's limit) running `body`.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    final class Box: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(_ name: String, _ body: @escaping @Sendable () -> Void) { self.name = name; self.body = body }
    }
    let context = Unmanaged.passRetained(Box(name, body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        nameThisThread(box.name)
        box.body()
        return nil
    }, context)
    guard result == 0 else { fatalError("cannot start thread \(name): error \(result)") }
    pthread_detach(thread)
}

/// pthread_setname_np is not visible from Swift's Glibc module; the kernel
/// takes the same name through /proc. A name that cannot be set is left out.
private func nameThisThread(_ name: String) {
    let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}
