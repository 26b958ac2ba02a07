extension Latch {
    /// Runs `body` as a child task until it returns or the latch opens,
    /// which cancels it; either way `body` has ended when this returns, and
    /// its result (nil if it threw `CancellationError` after the latch opened) is returned.
    package func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: Cancellable<T>.self) { group in
            group.addTask { .finished(try await body()) }
            group.addTask {
                await self.wait()
                return .latchOpened
            }
            var result: T?
            do {
                while let next = try await group.next() {
                    group.cancelAll()
                    if case .finished(let value) = next { result = value }
                }
            } catch is CancellationError where isOpen {
                return nil
            }
            return result
        }
    }

    /// The same for a body that cannot fail: it always produces its result
    /// (having seen the cancellation, if the latch opened first).
    package func cancelling<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await withTaskGroup(of: Cancellable<T>.self) { group in
            group.addTask { .finished(await body()) }
            group.addTask {
                await self.wait()
                return .latchOpened
            }
            var result: T?
            while let next = await group.next() {
                group.cancelAll()
                if case .finished(let value) = next { result = value }
            }
            // The body's child always finishes, so there is a result.
            return result!
        }
    }
}

private enum Cancellable<T: Sendable>: Sendable {
    case finished(T)
    case latchOpened
}
