import Clocks
import Foundation

/// Latency samples and how the bench prints them.
struct Samples {
    private(set) var values: [Duration] = []

    mutating func add(_ value: Duration) { values.append(value) }
    mutating func add(contentsOf other: [Duration]) { values.append(contentsOf: other) }

    /// Nearest-rank percentile of the sorted samples.
    static func percentile(_ sorted: [Duration], _ p: Double) -> Duration {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var summary: String {
        guard !values.isEmpty else { return "no samples" }
        let sorted = values.sorted()
        func ms(_ d: Duration) -> String { String(format: "%.3f ms", d.seconds * 1000) }
        return "p50 \(ms(Self.percentile(sorted, 0.5)))  p99 \(ms(Self.percentile(sorted, 0.99)))  "
            + "max \(ms(sorted.last!))  (n=\(sorted.count))"
    }
}
