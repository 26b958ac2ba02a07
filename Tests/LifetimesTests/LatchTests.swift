import Lifetimes
import Testing

@Suite(.timeLimit(.minutes(1))) struct LatchTests {
    @Test func openingWakesEveryWaiterAndLaterWaitsReturnAtOnce() async {
        let latch = Latch()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await latch.wait() } }
            latch.open()
            await group.waitForAll()
        }
        await latch.wait()
        #expect(latch.isOpen)
    }

    @Test func aCancelledWaiterStopsWaitingAndTheLatchStaysShut() async {
        let latch = Latch()
        let waiter = Task { await latch.wait() }
        waiter.cancel()
        await waiter.value
        #expect(!latch.isOpen)
    }

    @Test func cancellingEndsTheBodyWhenOpenedAndReturnsWhatItMadeOfIt() async throws {
        let latch = Latch()
        let started = Latch()
        async let outcome = latch.cancelling { () async -> String in
            started.open()
            await Latch().wait()  // until cancelled
            return Task.isCancelled ? "stopped" : "finished"
        }
        await started.wait()
        latch.open()
        #expect(await outcome == "stopped")
        #expect(await Latch().cancelling { 7 } == 7, "a body that returns first wins")
    }
}
