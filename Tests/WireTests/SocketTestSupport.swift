import Foundation
@testable import Sockets
import Testing

/// The test waited longer than its bound for real I/O.
struct TimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "no result within \(seconds) s" }
}

/// Runs `body`, failing with `TimedOut` if it has not finished within `seconds`.
/// Real sockets need a bound, never a fixed sleep: a passing test returns as soon as the I/O is done.
func within<Result: Sendable>(
    _ seconds: Double = 5, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut(seconds: seconds)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// Waits (bounded) until `condition` holds: for state another thread changes, like a parked waiter.
func eventually(_ seconds: Double = 5, _ condition: @escaping @Sendable () -> Bool) async throws {
    try await within(seconds) {
        while !condition() { try await Task.sleep(for: .milliseconds(1)) }
    }
}

/// A connected pair over loopback: (client side, server side), and their listener.
func connectedPair(reactor: Reactor = .shared) async throws -> (client: TCPConnection, server: TCPConnection, listener: TCPListener) {
    let listener = try TCPListener.bind(reactor: reactor)
    async let accepted = listener.accept()
    let client = try await TCPConnection.connect(to: listener.localAddress, reactor: reactor)
    return (client, try await accepted, listener)
}

/// Reads until end of stream.
func readAll(_ connection: TCPConnection) async throws -> [UInt8] {
    var bytes: [UInt8] = []
    while true {
        let chunk = try await connection.read()
        if chunk.isEmpty { return bytes }
        bytes += chunk
    }
}
