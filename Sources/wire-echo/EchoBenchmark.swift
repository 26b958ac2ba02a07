import Glibc
import Logs
import Wire

/// Round-trip echo benchmark: the same Swift client against any echo server,
/// so wire-echo and a Python echo server are measured the same way.
enum EchoBenchmark {
    static func run(url: String, connections: Int, messages: Int, size: Int) async -> Int32 {
        let configuration = WebSocketConfiguration(pingInterval: nil)
        var opened: [WebSocketConnection] = []
        for _ in 0..<connections {
            do {
                opened.append(try await WebSocketConnection.connect(
                    to: url, configuration: configuration, logger: Logger(component: "bench", minimumLevel: .warning)))
            } catch {
                StandardStreams.error("bench: \(error)\n")
                return 1
            }
        }
        let payload = String(repeating: "x", count: size)
        let clock = ContinuousClock()
        let start = clock.now
        let samples = await withTaskGroup(of: [Duration].self) { group in
            for connection in opened {
                group.addTask {
                    var rtts: [Duration] = []
                    rtts.reserveCapacity(messages)
                    for _ in 0..<messages {
                        let sent = clock.now
                        guard await connection.send(text: payload) == .sent, await connection.receive() != nil else { break }
                        rtts.append(clock.now - sent)
                    }
                    return rtts
                }
            }
            var all: [Duration] = []
            for await rtts in group { all += rtts }
            return all
        }
        let elapsed = clock.now - start
        for connection in opened { await connection.close() }
        for connection in opened { _ = await connection.closed() }
        guard samples.count == connections * messages else {
            StandardStreams.error("bench: only \(samples.count) of \(connections * messages) echoes came back\n")
            return 1
        }
        let sorted = samples.sorted()
        let micros = { (d: Duration) in d.seconds * 1e6 }
        let p50 = micros(sorted[sorted.count / 2])
        let p99 = micros(sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
        let rate = Double(samples.count) / elapsed.seconds
        let whole = { (value: Double) in Int(value.rounded()) }
        print("connections=\(connections) messages=\(samples.count) size=\(size) throughput=\(whole(rate)) msg/s p50=\(whole(p50))us p99=\(whole(p99))us")
        return 0
    }
}
