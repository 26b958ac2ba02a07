import Agent
import Clocks
import Planner
import Testing

/// Held plans are confirmed once, expire after their lifetime on the
/// injected clock, and never pile up beyond the cap.
@Suite struct PlanConfirmationsTests {
    let plan = Plan(commands: [PlannedCommand(.takeoff, description: "起飞")], rawResponse: "")

    @Test func aPlanIsConfirmedOnceAndExpires() async {
        let time = VirtualTime()
        let confirmations = PlanConfirmations(time: time, lifetime: .seconds(60))
        let first = await confirmations.hold(plan)
        #expect(await confirmations.take(first) == plan)
        #expect(await confirmations.take(first) == nil, "taken already")
        let second = await confirmations.hold(plan)
        time.advance(by: .seconds(59))
        let third = await confirmations.hold(plan)
        time.advance(by: .seconds(1))
        #expect(await confirmations.take(second) == nil, "expired at 60 s")
        #expect(await confirmations.take(third) == plan)
        #expect(await confirmations.take("plan-999") == nil)
    }

    @Test func theOldestAreDroppedBeyondTheCap() async {
        let confirmations = PlanConfirmations(time: VirtualTime())
        var ids: [String] = []
        for _ in 0...PlanConfirmations.capacity { ids.append(await confirmations.hold(plan)) }
        #expect(await confirmations.take(ids[0]) == nil)
        #expect(await confirmations.take(ids[1]) == plan)
    }
}
