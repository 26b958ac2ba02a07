// bridge-bench: figures for the planner and the 3002 bridge (planner speed, outbox throughput,
// enqueue latency on the caller's path, delivery latency over loopback HTTP).
// Run: swift run -c release bridge-bench [--quick]   (figures go to stdout)
import Bridge3002
import Bridge3002Mocks
import Clocks
import Foundation
import JSONValue
import Lifetimes
import Logs
import Planner
import PlannerMocks
import PostTransport
import PostTransportMocks
import Sockets

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
        usage: bridge-bench [--quick]
               bridge-bench --backend URL [--count N]
          Prints planner phrases per second, outbox throughput (in-process transport,
          with and without --outbox persistence), enqueue latency while the backend
          hangs, and delivery latency over loopback HTTP to the 3002 mock.
          --quick    fewer iterations (a smoke run, figures less stable)
          --backend  only measure delivery of N analyses (default 20) to this backend
                     (any 3002 server); exits 1 unless all are delivered within N x 6 s
        """)
    exit(0)
}
let quick = arguments.contains("--quick")
func value(after flag: String) -> String? {
    arguments.firstIndex(of: flag).flatMap { arguments.index(after: $0) < arguments.endIndex ? arguments[$0 + 1] : nil }
}
let quiet = Logger(component: "bench", minimumLevel: .error, sink: MemorySink())

func measure(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}

func report(_ name: String, _ value: Double, _ unit: String) {
    let padded = name.padding(toLength: 46, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%12.1f", value)) \(unit)")
}

func percentile(_ sorted: [Duration], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))].seconds * 1e6
}

/// Delivers `count` analyses one at a time to `backend` (a fresh 3002 mock
/// if nil), printing p50/p99 of enqueue -> 2xx; returns how many were delivered
/// before `limit`.
@discardableResult
func deliveryLatency(_ name: String, transport: any HTTPPoster, count: Int, backend: String? = nil, limit: Duration = .seconds(3600)) async throws -> Int {
    let mock = backend == nil ? try Backend3002Mock(logger: quiet) : nil
    let options = Bridge3002Options(endpoint: try BackendEndpoint.resolve(flag: backend ?? mock?.baseURL, environment: [:]))
    let client = try Bridge3002Client(options: options, transport: transport, logger: quiet)
    let wall = SystemTime()
    let end = wall.now + limit
    let samples = await withRunning({ await client.run() }) {
        var samples: [Duration] = []
        for n in 0..<count {
            let start = wall.now
            client.enqueue(analysis: ["n": .number(Double(n)), "commands": [["action": "takeoff"]]])
            // `drained` honours cancellation: the structured race is enough.
            guard (try? await withDeadline(end, on: wall) { await client.drained() }) != nil else { break }
            samples.append(wall.now - start)
        }
        return samples.sorted()
    }
    if !samples.isEmpty {
        report("delivery latency \(name): p50", percentile(samples, 0.5), "µs")
        report("delivery latency \(name): p99", percentile(samples, 0.99), "µs")
    }
    await mock?.shutdown()
    return samples.count
}

if let backend = value(after: "--backend") {
    let count = Int(value(after: "--count") ?? "20") ?? 20
    let url = try BackendEndpoint.resolve(flag: backend, environment: [:]).url
    let delivered = try await deliveryLatency(
        "(\(backend))", transport: defaultPoster(for: url), count: count, backend: backend, limit: .seconds(6 * count))
    print("delivered \(delivered) of \(count)")
    exit(delivered == count ? 0 : 1)
}

// 1. Planner: a mixed set of Chinese and English orders, including refusals.
let phrases = [
    "起飞", "向前飞行50厘米", "向上飞行30厘米", "顺时针旋转90度", "悬停5秒", "降落", "起飞后向前飞30厘米，然后降落",
    "起飞，接着向右飞一米，然后左转，最后降落", "向后飞一百五十厘米", "take off and move forward 50 cm then land",
    "turn right 45 degrees", "move right one hundred and fifty centimeters", "不要起飞", "向前飞10米", "唱首歌",
]
let planner = OfflinePlanner()
let rounds = quick ? 200 : 5000
let planTime = await measure {
    for _ in 0..<rounds {
        for phrase in phrases {
            _ = try? planner.planNow(phrase)
        }
    }
}
report("planner: phrases per second", Double(rounds * phrases.count) / planTime.seconds, "phrases/s")

// 2. Outbox throughput: enqueue N, deliver through an instant in-process transport.
func throughput(count: Int, outboxPath: String?) async throws -> Double {
    let options = Bridge3002Options(endpoint: try BackendEndpoint.resolve(flag: nil, environment: [:]), capacity: count, outboxPath: outboxPath)
    let client = try Bridge3002Client(options: options, transport: ScriptedPoster([], time: SystemTime()), logger: quiet)
    let analysis: JSONValue = ["success": true, "commands": [["action": "takeoff", "parameters": [:], "description": "起飞"]], "raw_response": "{}"]
    let elapsed = await withRunning({ await client.run() }) {
        await measure {
            for _ in 0..<count { client.enqueue(analysis: analysis) }
            await client.drained()
        }
    }
    return Double(count) / elapsed.seconds
}
let outboxCount = quick ? 2000 : 20_000
report("outbox: delivered per second (memory)", try await throughput(count: outboxCount, outboxPath: nil), "analyses/s")
let file = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-bench-\(getpid()).json").path
report("outbox: delivered per second (--outbox file)", try await throughput(count: outboxCount / 4, outboxPath: file), "analyses/s")
try? FileManager.default.removeItem(atPath: file)

// 3. Enqueue latency on the caller's path while the backend hangs.
do {
    let options = Bridge3002Options(endpoint: try BackendEndpoint.resolve(flag: nil, environment: [:]), capacity: 100_000)
    let client = try Bridge3002Client(options: options, transport: ScriptedPoster([], then: .hang, time: SystemTime()), logger: quiet)
    await withRunning({ await client.run() }) {
        var samples: [Duration] = []
        for n in 0..<(quick ? 1000 : 10_000) {
            let start = ContinuousClock.now
            client.enqueue(analysis: ["n": .number(Double(n))])
            samples.append(ContinuousClock.now - start)
        }
        samples.sort()
        report("enqueue while 3002 hangs: p50", percentile(samples, 0.5), "µs")
        report("enqueue while 3002 hangs: p99", percentile(samples, 0.99), "µs")
    }
}

// 4. Delivery latency over loopback HTTP to the 3002 mock: enqueue -> 200 received, one at a time.
try await deliveryLatency("(Wire client)", transport: WireHTTPPoster(), count: quick ? 200 : 2000)
try await deliveryLatency("(URLSession)", transport: URLSessionPoster(), count: quick ? 100 : 500)
