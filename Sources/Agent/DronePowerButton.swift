/// The power button of a drone the agent runs itself (the embedded simulator), handed in by
/// the composition root so the agent never knows what a simulator is. A real Tello has
/// none: a person presses its button, so `Drone` gets nil and says so when `command` goes
/// unanswered.
package struct DronePowerButton: Sendable {
    /// Switches the drone on if it switched itself off (overheated on the ground); true if
    /// it was off and now boots afresh, false if it was on (and is left alone).
    package let switchOnIfOff: @Sendable () async -> Bool

    package init(switchOnIfOff: @escaping @Sendable () async -> Bool) {
        self.switchOnIfOff = switchOnIfOff
    }
}
