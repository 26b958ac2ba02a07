/// Runs `body`, then `teardown`, awaited, whether `body` returned or threw:
/// a test's sockets and tasks are gone before the next test starts, and a
/// teardown that fails or hangs shows up in the test that caused it.
public func withTeardown(_ teardown: () async -> Void, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        await teardown()
        throw error
    }
    await teardown()
}
