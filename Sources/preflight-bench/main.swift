// Preflight figures: swift run -c release preflight-bench [RUNS]
//
// Times the shadow flight of a 20-step plan (takeoff, 18 moves and turns,
// land) in a room with ten keep-out boxes, and the `preflight` JSON the
// response carries, as the agent runs them before a plan flies.
import DroneVocabulary
import Foundation
import JSONValue
import Preflight

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let boxes = (0..<10).map { index in
    FlightEnvelope.KeepOut(name: "box \(index)", min: SIMD3(Double(index) * 300 - 1500, 800, 0), max: SIMD3(Double(index) * 300 - 1400, 900, 120))
}
let envelope = FlightEnvelope(floorPlan: .box(minX: -2000, maxX: 2000, minY: -2000, maxY: 2000), ceiling: 1000, keepOut: boxes)
let middle: [(DroneAction, Double)] = [
    (.moveForward, 200), (.rotateClockwise, 90), (.moveUp, 50), (.moveLeft, 120), (.hover, 2), (.moveBack, 80),
    (.rotateCounterClockwise, 45), (.moveRight, 60), (.moveDown, 30), (.moveForward, 300), (.rotateClockwise, 180),
    (.moveForward, 150), (.hover, 1.5), (.moveUp, 100), (.moveLeft, 40), (.rotateCounterClockwise, 90), (.moveBack, 200), (.moveDown, 60),
]
let plan = [ShadowStep(.takeoff, amount: nil)] + middle.map { ShadowStep($0.0, amount: $0.1) } + [ShadowStep(.land, amount: nil)]
precondition(plan.count == 20)
let flight = ShadowFlight(envelope: envelope)
let start = ShadowStart(position: .zero, yaw: 0, battery: 90, flying: false)

var samples: [Double] = []
samples.reserveCapacity(runs)
var sink = 0
let clock = ContinuousClock()
for _ in 0..<runs {
    let began = clock.now
    let report = flight.fly(plan, from: start)
    let text = report.json.text
    let elapsed = clock.now - began
    sink &+= text.utf8.count
    samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
}
samples.sort()
let sorted = samples
func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let report = flight.fly(plan, from: start)
print("preflight of a 20-step plan (shadow flight + JSON), \(runs) runs: p50 \(String(format: "%.1f", percentile(0.5))) µs, p99 \(String(format: "%.1f", percentile(0.99))) µs, max \(String(format: "%.1f", samples.last ?? 0)) µs")
print("plan ok: \(report.ok), predicted \(String(format: "%.1f", report.durationSeconds)) s, battery end \(String(format: "%.1f", report.batteryEnd)) %, \(report.path.count) path samples (checksum \(sink % 1000))")
