import Foundation
@testable import Sockets
import Testing

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
