import TelloPerformance

/// The numbers the shadow flight flies by: the drone's `TelloPerformance`
/// (the exact drone's by default; when the agent flies the embedded
/// simulator, that simulator's own, so the prediction and the simulated
/// flight agree) and the executor's pause between steps. Reads and writes
/// of the drone's numbers go straight through (`model.yawRate`).
@dynamicMemberLookup
package struct FlightModel: Sendable, Equatable {
    package var drone = TelloPerformance()
    /// Seconds the executor waits between a plan's steps (`--step-pause`).
    package var stepPause = 2.0

    package init() {}

    package subscript<Value>(dynamicMember number: WritableKeyPath<TelloPerformance, Value>) -> Value {
        get { drone[keyPath: number] }
        set { drone[keyPath: number] = newValue }
    }
}
