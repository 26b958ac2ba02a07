import JSONValue

extension Drone {
    /// Before `connect_drone` talks to the drone: a drone the agent runs itself that switched
    /// itself off is switched on again, as a user would press its button. True if it was off.
    func switchOnIfOff() async -> Bool {
        guard let powerButton, await powerButton.switchOnIfOff() else { return false }
        logger.warning("the embedded drone had switched itself off (overheated on the ground): switched on again")
        return true
    }

    /// `connect_drone` failed. A real Tello that answers nothing may simply be off (it switches
    /// itself off after about 4 minutes on the ground with its motors off): the timeout says so.
    func connectFailure(_ outcome: DroneLinkMachine.Outcome) -> ActionResult {
        let command = DroneCommand.sdkMode.text
        let result: ActionResult = if case .timedOut = outcome, powerButton == nil {
            .failed("connect_drone", .droneSilentOnConnect(command), data: ["command": .string(command)])
        } else {
            failure("connect_drone", outcome, command: command)
        }
        // The client is told; the operator reading the log must be too.
        logger.warning("drone not connected", ("reason", result.text.render(.english)))
        return result
    }
}
