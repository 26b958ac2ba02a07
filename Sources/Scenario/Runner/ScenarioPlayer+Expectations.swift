import Foundation
import JSONValue
import Logs
import TelloSim

extension ScenarioPlayer {
    func expectNothing(_ name: String, _ type: String?, _ duration: Duration) async throws {
        let client = try client(name)
        await settle()
        let start = client.received.count
        var offending: ReceivedMessage?
        _ = await wait(duration) {
            offending = client.messages(from: start).first { type == nil || $0.type == type }
            return offending != nil
        }
        if let offending {
            let what = type.map { "no \"\($0)\" message" } ?? "no message"
            throw StepProblem(
                expected: "\(what) for \(ScenarioDuration.format(duration))",
                received: TranscriptFormat.line(for: .received(client: name, message: offending), setup: TranscriptSetup()))
        }
    }

    func expectClosed(_ name: String, _ code: Int?, _ within: Duration) async throws {
        let client = try client(name)
        _ = await wait(within) { client.ended != nil }
        guard let ending = client.ended else {
            throw StepProblem(expected: "the agent to close the connection within \(ScenarioDuration.format(within))", received: "still open")
        }
        guard case .agentClosed(let received, _) = ending, code == nil || received == code else {
            throw StepProblem(expected: "closed by the agent" + (code.map { " with \($0)" } ?? ""), received: Self.describe(ending))
        }
    }

    func expectBackend(_ pattern: JSONValue, _ count: Int, _ within: Duration) async throws {
        let matcher = JSONPattern(pattern)
        let before = captures
        var firstBinding: Captures?
        var seen: [JSONValue] = []
        let system = self.system
        let found = await wait(within) {
            seen = await system.backendRequests()
            let bindings = seen.compactMap { try? matcher.match($0, captures: before).get() }
            firstBinding = bindings.first
            return bindings.count >= count
        }
        if found, let firstBinding {
            captures = firstBinding
            return
        }
        let matched = seen.filter { (try? matcher.match($0, captures: before).get()) != nil }.count
        throw StepProblem(
            expected: "\(count) request\(count == 1 ? "" : "s") to the 3002 mock matching \(JSONReader.describe(pattern)) within \(ScenarioDuration.format(within))",
            received: "\(matched) of \(seen.count) received" + (seen.last.map { "; last: \(JSONReader.describe($0))" } ?? ""))
    }

    func expectDrone(_ expectation: DroneExpectation, _ within: Duration) async throws {
        var truth: GroundTruth?
        let system = self.system
        let held = await wait(within) {
            let current = await system.groundTruth()
            truth = current
            return Self.differences(expectation, current).isEmpty
        }
        guard !held, let truth else { return }
        throw StepProblem(
            expected: "within \(ScenarioDuration.format(within)): " + Self.differences(expectation, truth).map(\.expected).joined(separator: ", "),
            received: Self.differences(expectation, truth).map(\.received).joined(separator: ", "))
    }

    /// Each member of `expectation` that `truth` does not satisfy.
    static func differences(_ expectation: DroneExpectation, _ truth: GroundTruth) -> [StepProblem] {
        var problems: [StepProblem] = []
        let tolerance = expectation.toleranceCM
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance }
        func number(_ value: Double) -> String { JSONValue.number((value * 10).rounded() / 10).text }
        if let flying = expectation.flying, truth.flying != flying {
            problems.append(StepProblem(expected: "flying \(flying)", received: "flying \(truth.flying)"))
        }
        if let motors = expectation.motorsOn, truth.motorsOn != motors {
            problems.append(StepProblem(expected: "motors_on \(motors)", received: "motors_on \(truth.motorsOn)"))
        }
        if let height = expectation.heightCM, !near(height, truth.z) {
            problems.append(StepProblem(expected: "height_cm \(number(height)) ± \(number(tolerance))", received: "height_cm \(number(truth.z))"))
        }
        if let p = expectation.positionCM {
            let axes = [("x", p.x, truth.x), ("y", p.y, truth.y), ("z", p.z, truth.z)]
            for (axis, wanted, actual) in axes {
                guard let wanted, !near(wanted, actual) else { continue }
                problems.append(StepProblem(expected: "\(axis) \(number(wanted)) ± \(number(tolerance))", received: "\(axis) \(number(actual))"))
            }
        }
        if let yaw = expectation.yaw, !near(yaw, truth.yaw) {
            problems.append(StepProblem(expected: "yaw \(number(yaw)) ± \(number(tolerance))", received: "yaw \(number(truth.yaw))"))
        }
        if let battery = expectation.battery, Int(truth.battery.rounded(.up)) != battery {
            problems.append(StepProblem(expected: "battery \(battery)", received: "battery \(Int(truth.battery.rounded(.up)))"))
        }
        return problems
    }

    /// `absent`: no such line so far (after the system settles). `count`:
    /// that many appear within the budget, and no more once the system has
    /// settled. Otherwise such a line appears within the budget.
    func expectLog(_ expectation: LogExpectation, _ within: Duration) async throws {
        let system = self.system
        if expectation.absent {
            await settle()
            if let line = system.logRecords.first(where: expectation.matches) {
                throw StepProblem(expected: "no log line like \(Self.describe(expectation))", received: line.formatted)
            }
            return
        }
        let wanted = expectation.count ?? 1
        let found = await wait(within) { system.logRecords.count(where: expectation.matches) >= wanted }
        if let count = expectation.count {
            await settle()
            let lines = system.logRecords.filter(expectation.matches)
            guard lines.count != count else { return }
            let shown = lines.prefix(8).map(\.formatted).joined(separator: "\n  ")
            throw StepProblem(
                expected: "exactly \(count) log line\(count == 1 ? "" : "s") like \(Self.describe(expectation))",
                received: "\(lines.count)" + (lines.isEmpty ? "" : ":\n  " + shown))
        }
        if !found {
            let nearest = system.logRecords.last { expectation.level == nil || $0.level == expectation.level }
            throw StepProblem(
                expected: "a log line like \(Self.describe(expectation)) within \(ScenarioDuration.format(within))",
                received: nearest.map { "none; last at that level: \($0.formatted)" } ?? "no line at that level")
        }
    }

    static func describe(_ expectation: LogExpectation) -> String {
        var parts: [String] = []
        if let level = expectation.level { parts.append("level \(level)") }
        if let component = expectation.component { parts.append("component \(component)") }
        parts += expectation.contains.map { "containing \(JSONValue.string($0).text)" }
        return parts.isEmpty ? "any" : parts.joined(separator: ", ")
    }
}
