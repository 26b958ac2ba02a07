/// One long-lived part of a program (a server, a delivery loop, a drone
/// link): `ServiceGroup` runs its `run` as a child task and, when the
/// program ends, asks it to finish with `shutdown`.
package protocol Service: Sendable {
    /// The name the group's log lines use.
    var name: String { get }

    /// Does this part's work until it is over: it returns soon after
    /// `shutdown` was called (having finished what it owes, such as landing
    /// the drone or telling clients goodbye), and at once when cancelled.
    func run() async throws

    /// Asks `run` to wind down and return. Returns at once: the winding down
    /// happens inside `run`, so the group's deadline can cancel it.
    func shutdown()
}
