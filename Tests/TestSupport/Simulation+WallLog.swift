import Foundation
import Testing

extension Simulation {
    /// Set (to anything) in the environment, every run writes one line to
    /// standard error with its test, wall time, virtual time and jobs run:
    /// how the default wall limit was chosen, and how to check it still fits
    /// (`SIMULATION_WALL_LOG=1 swift test 2>&1 | grep '^simulation-wall' | sort -k2 -g`).
    static let logsWallTime = ProcessInfo.processInfo.environment["SIMULATION_WALL_LOG"] != nil

    /// Writes the line `logsWallTime` promises, if asked to.
    func logWallTime(name: String, wall: Duration, outcome: String) {
        guard Self.logsWallTime else { return }
        let test = Test.current.map { "\($0.id)" } ?? "-"
        let figures = String(format: "%.3f s wall, %.3f s virtual, %d jobs", wall.seconds, time.now.seconds, executor.jobCount)
        let line = "simulation-wall \(figures), \"\(name)\", \(outcome), \(test)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
