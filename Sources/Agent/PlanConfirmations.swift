import Clocks
import JSONValue
import Planner

/// Plans waiting for a client's `confirm_plan` (`--confirm-plans`): each has
/// an id and expires `lifetime` after it was previewed, because the drone's
/// state (and the room) may have changed since; at most `capacity` wait, the
/// oldest dropped first, so a client that never confirms cannot grow them.
package actor PlanConfirmations {
    package struct Pending: Sendable {
        package let plan: Plan
        package let expires: Duration
    }

    package static let defaultLifetime: Duration = .seconds(60)
    package static let capacity = 16

    private let time: any TimeSource
    package nonisolated let lifetime: Duration
    private var pending: [(id: String, entry: Pending)] = []
    private var issued = 0

    package init(time: any TimeSource, lifetime: Duration = defaultLifetime) {
        self.time = time
        self.lifetime = lifetime
    }

    /// Keeps `plan` for confirmation and returns its id.
    package func hold(_ plan: Plan) -> String {
        issued += 1
        let id = "plan-\(issued)"
        pending.append((id, Pending(plan: plan, expires: time.now + lifetime)))
        if pending.count > Self.capacity { pending.removeFirst(pending.count - Self.capacity) }
        return id
    }

    /// The plan `id` names, taken (a plan is confirmed once); nil if unknown or expired.
    package func take(_ id: String) -> Plan? {
        let now = time.now
        pending.removeAll { $0.entry.expires <= now }
        guard let index = pending.firstIndex(where: { $0.id == id }) else { return nil }
        return pending.remove(at: index).entry.plan
    }
}
