import Clocks
import TestSupport
import Testing
import WebSocketCodec

@testable import Wire

/// Live media to a peer that stops reading: offers are skipped once the
/// queue holds the budget, and the connection stays open (a plain send would
/// fail it with 1008 once the queue passes its bound).
@Suite struct WebSocketDroppableTests {
    @Test func offersToAPeerThatNeverReadsAreSkippedAndTheConnectionStaysOpen() async throws {
        let server = try WebSocketTestServer(echo: false)
        defer { server.server.close() }
        try await within(30) {
            let client = try await WebSocketConnection.connect(to: server.url)  // never calls receive
            let side = await server.accepted.next()
            let picture = WebSocketDroppableMessage(binary: [UInt8](repeating: 0x42, count: 64 * 1024))
            var outcomes: [WebSocketOfferOutcome] = []
            for _ in 0..<1000 {
                let outcome = await side.offer(picture, queueBudget: 256 * 1024)
                outcomes.append(outcome)
                if case .skipped = outcome { break }
            }
            guard case .skipped(let queued) = outcomes.last else {
                Issue.record("never skipped: \(outcomes.suffix(2))")
                return
            }
            #expect(queued <= 256 * 1024 && queued + 64 * 1024 > 256 * 1024 - 16)
            #expect(outcomes.dropLast().allSatisfy { $0 == .sent })
            #expect(await side.closeInfo == nil, "still open")
            #expect(await side.send(text: "still here") == .sent)
            #expect(await client.receive() == .binary(picture.payload), "what was taken arrives whole")
            await client.close()
        }
    }
}
