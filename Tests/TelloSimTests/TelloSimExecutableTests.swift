import Foundation
import HTTPCodec
import Sockets
import Testing
import Wire

/// The built `tello-sim` binary, run as scripts run it.
@Suite("tello-sim executable")
struct TelloSimExecutableTests {
    /// A child process whose standard output is collected line by line on a Dispatch
    /// queue (blocking reads never run on the cooperative pool).
    final class Child: @unchecked Sendable {
        // @unchecked Sendable: `output` is guarded by `lock`; the rest is set once in init.
        let process = Process()
        private let lock = NSLock()
        private var output = ""

        init(arguments: [String]) throws {
            process.executableURL = Bundle.main.bundleURL.appendingPathComponent("tello-sim")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async { @Sendable [self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { return }
                    lock.withLock { output += String(decoding: data, as: UTF8.self) }
                }
            }
        }

        /// The `listening on` addresses once `count` have been printed (fails after 10 s).
        func listening(count: Int) async throws -> [SocketAddress] {
            let deadline = ContinuousClock.now + .seconds(10)
            while true {
                let lines = lock.withLock { output }.split(separator: "\n").filter { $0.hasPrefix("listening on ") }
                if lines.count >= count { return lines.compactMap { SocketAddress(String($0.dropFirst("listening on ".count))) } }
                guard ContinuousClock.now < deadline, process.isRunning else {
                    throw TelloSimExecutableError(message: "got \(lines.count) of \(count) listening lines")
                }
                await Task.yield()
            }
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    struct TelloSimExecutableError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    @Test func severalDronesOnLoopbackEachAnswerTheirOwnClient() async throws {
        let child = try Child(arguments: ["--bind", "127.0.0.1", "--command-port", "0", "--drones", "2",
                                          "--control-port", "0", "--battery", "55", "--log-level", "warning"])
        defer { child.stop() }
        let addresses = try await child.listening(count: 3)
        #expect(addresses.count == 3)
        let client = try UDPSocket.bind(.loopback())
        defer { client.close() }
        for drone in addresses.prefix(2) {
            try await client.send(Array("command".utf8), to: drone)
            #expect(try await UDPHarness.receive(on: client, within: 5).from == drone)
            try await client.send(Array("battery?".utf8), to: drone)
            let reply = try await UDPHarness.receive(on: client, within: 5)
            // The default is the real drone: read replies end in CR LF.
            #expect(String(decoding: reply.bytes, as: UTF8.self) == "55\r\n")
        }
        let truth = try await HTTPClient.send(HTTPRequest(target: "/drones/1/truth"), to: addresses[2], timeout: .seconds(5))
        #expect(truth.status == 200 && truth.bodyText?.contains("\"sdkMode\":true") == true)
    }

    @Test func consecutiveAddressesAnswerFromTheirOwnAddress() async throws {
        let child = try Child(arguments: ["--bind", "127.0.0.2", "--consecutive-addresses", "--command-port", "0",
                                          "--drones", "2", "--log-level", "warning"])
        defer { child.stop() }
        let addresses = try await child.listening(count: 2)
        #expect(addresses.map(\.host) == ["127.0.0.2", "127.0.0.3"])
        let client = try UDPSocket.bind(.loopback())
        defer { client.close() }
        for drone in addresses {
            try await client.send(Array("command".utf8), to: drone)
            #expect(try await UDPHarness.receive(on: client, within: 5).from == drone)
        }
    }

    @Test func helpExitsZeroAndBadFlagsExitTwo() throws {
        let help = try Child(arguments: ["--help"])
        help.process.waitUntilExit()
        #expect(help.process.terminationStatus == 0)
        let bad = try Child(arguments: ["--no-such-flag"])
        bad.process.waitUntilExit()
        #expect(bad.process.terminationStatus == 2)
    }
}
