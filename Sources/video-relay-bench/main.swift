import Agent
import AgentAssembly
import Clocks
import Foundation
import Lifetimes
import Logs
import Synchronization
import TelloSim
import Wire

// video-relay-bench: what relaying the drone's video costs, printed.
//   1. Latency the relay adds per picture, from the UDP arrival of its last
//      datagram until it is queued for every viewer (the relay's own figures),
//      and from that arrival until a viewer's socket delivered it: the whole
//      agent, its embedded simulator streaming the clip at 30 fps, V viewers
//      reading over loopback WebSockets.
//   2. Throughput: the relay fed the clip's datagrams as fast as it takes them,
//      V viewers reading; pictures and bytes per second to each.
// Usage: swift run -c release video-relay-bench [--viewers V] [--seconds S]

var viewers = 20
var seconds = 10.0
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--viewers": viewers = Int(arguments.popFirst() ?? "") ?? viewers
    case "--seconds": seconds = Double(arguments.popFirst() ?? "") ?? seconds
    default:
        FileHandle.standardError.write(Data("usage: video-relay-bench [--viewers V] [--seconds S]\n".utf8))
        exit(2)
    }
}

func ms(_ duration: Duration) -> String { String(format: "%.3f ms", duration.seconds * 1000) }

func quantiles(_ samples: [Duration]) -> String {
    guard !samples.isEmpty else { return "no samples" }
    let sorted = samples.sorted()
    let at = { (p: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))] }
    return "p50 \(ms(at(0.5)))  p99 \(ms(at(0.99)))  max \(ms(sorted.last!))  (n=\(sorted.count))"
}

/// A viewer over a real WebSocket: counts pictures and bytes, and how long after its arrival at the agent each one got here.
final class Figures: Sendable {
    let state = Mutex<(pictures: Int, bytes: Int, delays: [Duration])>((0, 0, []))
    func withLock<T>(_ body: (inout (pictures: Int, bytes: Int, delays: [Duration])) -> T) -> T { state.withLock { body(&$0) } }
}

final class Reader: Sendable {
    let connection: WebSocketConnection
    let figures = Figures()

    init(url: String) async throws {
        connection = try await WebSocketConnection.connect(to: url, logger: Logger(component: "bench", minimumLevel: .error))
    }

    /// Counts what arrives until the connection ends.
    func read() async {
        while let message = await connection.receive() {
            guard case .binary(let bytes) = message, let (header, _) = VideoFrameHeader.parse(bytes) else { continue }
            // Pictures sent on joining arrived long before: they are not the relay's delay.
            if header.flags.contains(.catchUp) { continue }
            let delay = Duration.microseconds(VideoRelay.unixMicroseconds() - header.arrivalMicros)
            figures.withLock { $0.pictures += 1; $0.bytes += bytes.count; $0.delays.append(delay) }
        }
    }

    func request(_ type: String) async {
        _ = await connection.send(text: "{\"type\":\"\(type)\",\"data\":{}}")
    }
}

/// Every reader reads, as a child task, while `body` runs.
nonisolated(nonsending) func whileReading<T>(_ readers: [Reader], _ body: () async throws -> T) async rethrows -> T {
    try await withRunning({
        await withTaskGroup(of: Void.self) { group in
            for reader in readers { group.addTask { await reader.read() } }
        }
    }, body)
}

let quiet = Logger(component: "bench", minimumLevel: .error)

// 1. The whole agent at the clip's real 30 fps.
var options = AgentOptions()
options.port = 0
options.backend = "http://127.0.0.1:9"
options.simulatorVideo = .clip
let agent = try await TelloAgent.start(options, environment: [:], time: SystemTime(), logger: quiet)
_ = try await agent.whileRunning {
    var readers: [Reader] = []
    for _ in 0..<viewers { readers.append(try await Reader(url: "ws://\(agent.address)/")) }
    try await whileReading(readers) {
        await readers[0].request("connect_drone")
        try await Task.sleep(for: .milliseconds(500))
        for reader in readers { await reader.request("start_video") }
        try await Task.sleep(for: .seconds(seconds))
        let relayed = agent.video.relay.statistics
        let delivered = readers.flatMap { $0.figures.withLock { $0.delays } }
        print("video relay, \(viewers) viewers, the embedded simulator's clip at 30 fps for \(seconds) s:")
        print("  added by the relay (UDP arrival -> queued for every viewer): \(quantiles(relayed.latencies))")
        print("  UDP arrival -> received by a viewer over loopback:          \(quantiles(delivered))")
        print("  pictures relayed: \(relayed.pictures); per viewer: \(readers.map { $0.figures.withLock { $0.pictures } }.min() ?? 0) min")
        for reader in readers { await reader.connection.close() }
    }
}

// 2. Throughput: the relay alone, fed as fast as it takes pictures.
let relayTime = SystemTime()
let relay = VideoRelay(time: relayTime)
let server = try WebSocketServer.start(on: .loopback(), logger: quiet, endpoint: .task { connection, _ in
    relay.add(WebSocketVideoViewer(connection), key: "\(ObjectIdentifier(connection))")
    while await connection.receive() != nil {}
})
var fast: [Reader] = []
for _ in 0..<viewers { fast.append(try await Reader(url: "ws://\(server.localAddress)/")) }
try await whileReading(fast) {
    while relay.streamHolders < viewers { try await Task.sleep(for: .milliseconds(10)) }
    let clip = H264Packets.bundledTestClip!.frames
    let clock = ContinuousClock()
    let started = clock.now
    var fed = 0
    while clock.now - started < .seconds(3) {
        for datagram in clip[fed % clip.count] { await relay.ingest(datagram, at: relayTime.now) }
        fed += 1
    }
    let elapsed = (clock.now - started).seconds
    try await Task.sleep(for: .milliseconds(500))
    let least = fast.map { $0.figures.withLock { $0 } }.min { $0.pictures < $1.pictures }!
    print("relay throughput, \(viewers) viewers reading over loopback, the clip fed as fast as taken for \(String(format: "%.1f", elapsed)) s:")
    print(String(format: "  %.0f pictures/s assembled; slowest viewer got %.0f pictures/s, %.1f MB/s (%d dropped by pacing)",
                 Double(fed) / elapsed, Double(least.pictures) / elapsed, Double(least.bytes) / elapsed / 1e6,
                 relay.statistics.viewers.values.map(\.dropped).max() ?? 0))
    print(String(format: "  all viewers together: %.1f MB/s", Double(fast.reduce(0) { $0 + $1.figures.withLock { $0.bytes } }) / elapsed / 1e6))
    print("  added by the relay under this load: \(quantiles(relay.statistics.latencies))")
    for reader in fast { await reader.connection.close() }
}
await server.shutdown()
