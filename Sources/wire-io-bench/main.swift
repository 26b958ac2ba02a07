import Foundation
import HTTPCodec
import Logs
import Sockets
import Wire

/// Prints throughput and latency figures for Wire's sockets and HTTP server over loopback.
/// Build in release: `swift build -c release --product wire-io-bench`.
let usage = """
    usage: wire-io-bench [--seconds S]

    Measures over 127.0.0.1, in this one process (client and server share the reactor):
      TCP stream throughput (64 KiB writes), TCP and UDP 64-byte round trips,
      HTTP/1.1 keep-alive GET with 1 and 50 connections.
    --seconds S   how long each HTTP run lasts (default 3)

    """
var seconds = 3.0
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--help", "-h":
        FileHandle.standardOutput.write(Data(usage.utf8))
        exit(0)
    case "--seconds":
        guard let value = arguments.popFirst().flatMap(Double.init), value > 0 else {
            FileHandle.standardError.write(Data("wire-io-bench: --seconds wants a positive number\n\n\(usage)".utf8))
            exit(2)
        }
        seconds = value
    default:
        FileHandle.standardError.write(Data("wire-io-bench: unknown option \(flag)\n\n\(usage)".utf8))
        exit(2)
    }
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// p50 and p99 of round-trip times, in microseconds.
func percentiles(_ samples: [Duration]) -> String {
    let sorted = samples.sorted()
    func micros(_ q: Double) -> String {
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
        return String(format: "%.0f", value.seconds * 1e6)
    }
    return "p50 \(micros(0.50)) us, p99 \(micros(0.99)) us"
}

func tcpStream(megabytes: Int) async throws {
    let listener = try TCPListener.bind()
    defer { listener.close() }
    async let received: Int = {
        let connection = try await listener.accept()
        defer { connection.close() }
        var total = 0
        while case let chunk = try await connection.read(maxBytes: 256 * 1024), !chunk.isEmpty { total += chunk.count }
        return total
    }()
    let client = try await TCPConnection.connect(to: listener.localAddress)
    let chunk = [UInt8](repeating: 0x5A, count: 64 * 1024)
    let start = ContinuousClock.now
    for _ in 0..<(megabytes * 16) { try await client.write(chunk) }
    client.close()
    let total = try await received
    let elapsed = (ContinuousClock.now - start).seconds
    say(String(format: "tcp stream: %d MiB in %.2f s = %.0f MiB/s", total >> 20, elapsed, Double(total) / 1_048_576 / elapsed))
}

func tcpRoundTrips(_ count: Int) async throws {
    let listener = try TCPListener.bind()
    defer { listener.close() }
    @Sendable func serveEcho() async throws {
        let connection = try await listener.accept()
        defer { connection.close() }
        while case let bytes = try await connection.read(), !bytes.isEmpty { try await connection.write(bytes) }
    }
    async let echo: Void = serveEcho()
    let client = try await TCPConnection.connect(to: listener.localAddress)
    let message = [UInt8](repeating: 1, count: 64)
    var samples: [Duration] = []
    for _ in 0..<count {
        let start = ContinuousClock.now
        try await client.write(message)
        var got = 0
        while got < message.count { got += try await client.read().count }
        samples.append(ContinuousClock.now - start)
    }
    client.close()
    _ = try? await echo
    let total = samples.reduce(Duration.zero, +).seconds
    say(String(format: "tcp 64 B round trip: %d in %.2f s = %.0f/s, ", count, total, Double(count) / total) + percentiles(samples))
}

func udpRoundTrips(_ count: Int) async throws {
    let server = try UDPSocket.bind()
    let client = try UDPSocket.bind()
    defer { server.close(); client.close() }
    @Sendable func serveEcho() async throws {
        for _ in 0..<count {
            let datagram = try await server.receive()
            try await server.send(datagram.bytes, to: datagram.from)
        }
    }
    async let echo: Void = serveEcho()
    let message = [UInt8](repeating: 2, count: 64)
    var samples: [Duration] = []
    for _ in 0..<count {
        let start = ContinuousClock.now
        try await client.send(message, to: server.localAddress)
        _ = try await client.receive()
        samples.append(ContinuousClock.now - start)
    }
    try await echo
    let total = samples.reduce(Duration.zero, +).seconds
    say(String(format: "udp 64 B round trip: %d in %.2f s = %.0f/s, ", count, total, Double(count) / total) + percentiles(samples))
}

func httpKeepAlive(connections: Int, seconds: Double) async throws {
    var router = HTTPRouter()
    router.get("/hello") { _ in .text("hello\n") }
    let server = try HTTPServer(
        configuration: .init(maxConnections: connections + 8),
        logger: Logger(component: "bench", minimumLevel: .error), router: router)
    let request = Array("GET /hello HTTP/1.1\r\nHost: bench\r\n\r\n".utf8)
    let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    let start = ContinuousClock.now
    let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for _ in 0..<connections {
            group.addTask {
                let connection = try await TCPConnection.connect(to: server.localAddress)
                defer { connection.close() }
                var parser = HTTPResponseParser()
                var samples: [Duration] = []
                while ContinuousClock.now < end {
                    let sent = ContinuousClock.now
                    try await connection.write(request)
                    var response = try parser.next()
                    while response == nil {
                        let bytes = try await connection.read()
                        guard !bytes.isEmpty else { throw HTTPClientError.closedWithoutResponse }
                        parser.append(bytes)
                        response = try parser.next()
                    }
                    guard response?.status == 200 else { throw HTTPClientError.closedWithoutResponse }
                    samples.append(ContinuousClock.now - sent)
                }
                return samples
            }
        }
        return try await group.reduce(into: []) { $0 += $1 }
    }
    let elapsed = (ContinuousClock.now - start).seconds
    await server.shutdown()
    say(String(format: "http keep-alive GET, %d connection(s): %d requests in %.2f s = %.0f req/s, ",
               connections, samples.count, elapsed, Double(samples.count) / elapsed) + percentiles(samples))
}

try await tcpStream(megabytes: 1024)
try await tcpRoundTrips(20_000)
try await udpRoundTrips(20_000)
try await httpKeepAlive(connections: 1, seconds: seconds)
try await httpKeepAlive(connections: 50, seconds: seconds)
