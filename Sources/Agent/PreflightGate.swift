import Preflight

/// What the agent does with a plan's preflight (docs/agent.md, "Preflight").
package enum PreflightPolicy: String, Sendable, Equatable, CaseIterable {
    /// A plan that breaks a rule is refused before anything reaches the drone.
    case enforce
    /// The plan flies; its response carries the preflight.
    case warn
    /// No preflight (a dry run still runs one: it is what was asked for).
    case off
}

/// The envelope, the model and the policy every flying request passes through.
package struct PreflightGate: Sendable {
    package var policy: PreflightPolicy
    package var flight: ShadowFlight
    /// `--confirm-plans`: orders wait here for `confirm_plan` instead of flying.
    package var confirmations: PlanConfirmations?

    package init(policy: PreflightPolicy = .off, flight: ShadowFlight = ShadowFlight(envelope: .indoor()),
                confirmations: PlanConfirmations? = nil) {
        self.policy = policy
        self.flight = flight
        self.confirmations = confirmations
    }

    /// The shadow flight of `steps` from the drone's current state; nil when
    /// the policy is off and the caller did not insist (`always`, a dry run).
    func check(_ steps: [ShadowStep], drone: Drone, always: Bool = false) async -> PreflightReport? {
        guard policy != .off || always else { return nil }
        // Right after an unanswered command (an emergency) whether the drone flies is the
        // state stream's to say, a few lines later: before a takeoff, wait for it (at most a
        // second) as the drone's own takeoff does, rather than refuse it as "already flying".
        // (Other steps count an unsettled drone as flying, as the drone's own actions do.)
        if steps.first == .takeoff { await drone.settleFlight() }
        let start = await drone.shadowStart(in: flight.envelope, model: flight.model)
        return flight.fly(steps, from: start)
    }

    /// Whether `report` stops the plan here.
    func refuses(_ report: PreflightReport?) -> Bool {
        policy == .enforce && report.map { !$0.ok } == true
    }
}
