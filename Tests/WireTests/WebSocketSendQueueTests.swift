@testable import Wire
import Testing

@Suite struct WebSocketSendQueueTests {
    @Test func boundRefusesButForcedControlFramesFit() {
        var queue = WebSocketSendQueue(limit: 10)
        let accepted = [queue.enqueue([1, 2, 3, 4, 5, 6]), queue.enqueue([7, 8, 9, 10]), queue.enqueue([11]), queue.enqueue([0x88, 0], force: true)]
        #expect(accepted == [true, true, false, true])
        #expect(queue.queuedBytes == 12)
    }

    @Test func batchesJoinFramesInOrderUpToTheCap() {
        var queue = WebSocketSendQueue(limit: 100)
        for byte in UInt8(1)...5 { _ = queue.enqueue([byte, byte]) }
        let first = queue.takeBatch(maxBytes: 5)
        let second = queue.takeBatch(maxBytes: 5)
        let third = queue.takeBatch(maxBytes: 1)
        let fourth = queue.takeBatch()
        #expect(first == [1, 1, 2, 2])
        #expect(second == [3, 3, 4, 4])
        #expect(third == [5, 5])
        #expect(fourth == nil)
        #expect(queue.queuedBytes == 0 && queue.isEmpty)
    }

    /// What was taken and not written goes back in front, whether the queue
    /// was emptied by the take or still holds later frames.
    @Test func putBackGoesInFront() {
        var queue = WebSocketSendQueue(limit: 100)
        for byte in UInt8(1)...3 { _ = queue.enqueue([byte, byte]) }
        let first = queue.takeBatch(maxBytes: 2)
        queue.putBack([1])
        #expect(queue.queuedBytes == 5)
        #expect(queue.takeBatch() == [1, 2, 2, 3, 3])
        queue.putBack([3])
        _ = queue.enqueue([4])
        #expect(queue.takeBatch() == [3, 4])
        #expect(first == [1, 1] && queue.isEmpty && queue.queuedBytes == 0)
    }

    @Test func removeAllEmpties() {
        var queue = WebSocketSendQueue(limit: 100)
        _ = queue.enqueue([1])
        queue.removeAll()
        #expect(queue.isEmpty && queue.queuedBytes == 0)
        #expect(queue.takeBatch() == nil)
    }
}
