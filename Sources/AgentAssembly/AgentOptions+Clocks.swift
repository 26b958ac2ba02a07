import Clocks

extension AgentOptions {
    /// The flight's clock: `--time-scale` simulated seconds per wall second
    /// (the embedded simulator only; a real drone runs in real time).
    package var flightClock: SystemTime { SystemTime(scale: timeScale) }

    /// Real seconds whatever `--time-scale` says: the 3002 backend's 5 s
    /// deadline, the LLM's and the WebSocket timeouts are promises to other
    /// programs, which do not run faster because the simulator does.
    package var networkClock: SystemTime { SystemTime() }
}
