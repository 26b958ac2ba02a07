import Clocks
import Foundation
import Testing

@Suite struct HardDeadlineTests {
    @Test func returnsAtTheDeadlineAlthoughTheOperationIgnoresCancellation() async throws {
        let time = VirtualTime()
        let gate = Gate()
        async let outcome = withHardDeadline(.seconds(5), on: time) { () async -> Int in
            await gate.wait()  // deaf to cancellation, like a transport that answers late
            return 1
        }
        while time.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
        time.advance(to: .seconds(5))
        #expect(await outcome == nil)
        gate.open()
    }

    @Test func aResultBeforeTheDeadlineWins() async {
        #expect(await withHardDeadline(.seconds(5), on: VirtualTime()) { 42 } == 42)
    }
}

/// A wait that cancellation cannot end. `@unchecked Sendable`: state under `lock`.
private final class Gate: @unchecked Sendable {
    private let lock = NSLock()
    private var opened = false
    private var waiter: CheckedContinuation<Void, Never>?
    func wait() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                if opened { return true }
                waiter = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }
    func open() {
        let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            opened = true
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume()
    }
}
