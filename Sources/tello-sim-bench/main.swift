import Clocks
import CommandLineFlags
import Foundation
import Logs
import Sockets
import TelloSDK
import TelloSim

// tello-sim-bench: command round trips per second and state-stream jitter of
// an in-process SimulatedTello over loopback UDP. Prints figures; asserts nothing.
//
//   swift run -c release tello-sim-bench [--seconds S] [--clients N]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
        usage: tello-sim-bench [--seconds S] [--clients N]
          --seconds S   length of each measurement in wall seconds, 1-3600 (default 3)
          --clients N   concurrent UDP clients in the round-trip test, 1-256 (default 4)
        Measures `battery?` round trips per second (1 client, then N clients)
        and the inter-arrival jitter of the 10 Hz state stream.
        """)
    exit(0)
}
/// A flag's value within its range; a bad one is refused (exit 2) rather than ignored,
/// so a figure is never printed for a run that was not the one asked for.
func option(_ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
    guard let index = arguments.firstIndex(of: name) else { return value }
    let text = index + 1 < arguments.count ? arguments[index + 1] : ""
    do { return try BoundedNumber.integer(text, flag: name, in: range) } catch {
        FileHandle.standardError.write(Data("tello-sim-bench: \(error)\n".utf8))
        exit(2)
    }
}
let seconds = option("--seconds", default: 3, in: 1...3600)
let clientCount = option("--clients", default: 4, in: 1...256)

let quiet = Logger(component: "bench", minimumLevel: .warning)

/// A drone on port 0 serving while `body` runs; stopped and awaited after it.
func withDrone<T>(statePort: UInt16 = TelloPorts.state, _ body: (SocketAddress) async throws -> T) async throws -> T {
    var configuration = SimulatedTello.Configuration()
    configuration.statePort = statePort
    let drone = SimulatedTello(configuration: configuration, time: SystemTime(), logger: quiet)
    return try await drone.serving(host: "127.0.0.1", commandPort: 0, body)
}

/// One client sending `battery?` and waiting for each reply, until `deadline`. Returns round-trip times.
func roundTrips(to drone: SocketAddress, until deadline: ContinuousClock.Instant) async throws -> [Duration] {
    let socket = try UDPSocket.bind(.loopback())
    defer { socket.close() }
    try await socket.send(Array("command".utf8), to: drone)
    _ = try await socket.receive()
    var samples: [Duration] = []
    let clock = ContinuousClock()
    while clock.now < deadline {
        let start = clock.now
        try await socket.send(Array("battery?".utf8), to: drone)
        _ = try await socket.receive()
        samples.append(clock.now - start)
    }
    return samples
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

func microseconds(_ duration: Duration) -> Double { duration.seconds * 1e6 }

func reportRoundTrips(clients: Int) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    let all = try await withDrone { address in
        try await withThrowingTaskGroup(of: [Duration].self) { group in
            for _ in 0..<clients { group.addTask { try await roundTrips(to: address, until: deadline) } }
            return try await group.reduce(into: [Duration]()) { $0 += $1 }
        }
    }
    let sorted = all.map(microseconds).sorted()
    let rate = Double(all.count) / Double(seconds)
    print(String(format: "round trips, %d client(s): %.0f/s  (%d in %d s)  latency p50 %.0f us  p99 %.0f us  max %.0f us",
                 clients, rate, all.count, seconds, percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.last ?? 0))
}

func reportStateJitter() async throws {
    let states = try UDPSocket.bind(.loopback())
    let commands = try UDPSocket.bind(.loopback())
    defer { states.close(); commands.close() }
    let clock = ContinuousClock()
    let (arrivals, parsed) = try await withDrone(statePort: states.localAddress.port) { address in
        try await commands.send(Array("command".utf8), to: address)
        _ = try await commands.receive()
        let end = clock.now + .seconds(seconds)
        var arrivals: [ContinuousClock.Instant] = []
        var parsed = 0
        while clock.now < end {
            let datagram = try await states.receive()
            arrivals.append(clock.now)
            if (try? TelloState(line: String(decoding: datagram.bytes, as: UTF8.self))) != nil { parsed += 1 }
        }
        return (arrivals, parsed)
    }
    let intervals = zip(arrivals.dropFirst(), arrivals).map { ($0 - $1).seconds * 1000 }
    guard !intervals.isEmpty else { print("state stream: nothing received"); return }
    let mean = intervals.reduce(0, +) / Double(intervals.count)
    let deviation = intervals.map { abs($0 - 100) }.sorted()
    let spread = (intervals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(intervals.count)).squareRoot()
    print(String(format: "state stream: %d lines (%d parsed) in %d s = %.2f Hz; interval mean %.2f ms, stddev %.3f ms, min %.2f, max %.2f; |interval-100ms| p50 %.3f ms, p99 %.3f ms",
                 arrivals.count, parsed, seconds, Double(arrivals.count) / Double(seconds), mean, spread,
                 intervals.min() ?? 0, intervals.max() ?? 0, percentile(deviation, 0.5), percentile(deviation, 0.99)))
}

print("tello-sim-bench: \(seconds) s per measurement, loopback UDP, SystemTime scale 1")
try await reportRoundTrips(clients: 1)
try await reportRoundTrips(clients: clientCount)
try await reportStateJitter()
