/// Runs `part` (a loop that ends when cancelled) as a child task while
/// `body` runs, then cancels `part` and awaits its end, whether `body`
/// returned or threw: for a loop whose owner is one scope (a test, a bench,
/// a command-line tool) rather than a `ServiceGroup`. Nothing `part` started
/// outlives the call.
package func withRunning<T>(
    _ part: @escaping @Sendable () async -> Void, _ body: () async throws -> T,
    isolation: isolated (any Actor)? = #isolation
) async rethrows -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await part() }
        defer { group.cancelAll() }
        return try await body()
    }
}
