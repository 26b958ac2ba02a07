import Glibc
import WebSocketCodec
import Wire

/// Drives the Autobahn `fuzzingserver`: asks for the case count, runs every
/// case as an echo client (each case is one connection that the test server
/// scripts), then asks the server to write its reports.
enum AutobahnClient {
    static func run(base: String, agent: String) async -> Int32 {
        let configuration = WebSocketConfiguration(pingInterval: nil, maxFrameSize: 16 << 20, maxMessageSize: 16 << 20, maxQueuedBytes: 64 << 20)
        guard case .text(let countText)? = await single(base + "/getCaseCount", configuration), let count = Int(countText) else {
            StandardStreams.error("autobahn: no case count from \(base)\n")
            return 1
        }
        for index in stride(from: 1, through: count, by: 1) {
            guard let connection = try? await WebSocketConnection.connect(
                to: "\(base)/runCase?case=\(index)&agent=\(agent)", configuration: configuration) else {
                StandardStreams.error("autobahn: case \(index) did not connect\n")
                continue
            }
            while let message = await connection.receive() { _ = await connection.send(message) }
            _ = await connection.closed()
        }
        _ = await single(base + "/updateReports?agent=\(agent)", configuration)
        print("autobahn: ran \(count) cases as agent \(agent)")
        return 0
    }

    /// Connects, returns the first message (if any), and closes.
    private static func single(_ url: String, _ configuration: WebSocketConfiguration) async -> WebSocketMessage? {
        guard let connection = try? await WebSocketConnection.connect(to: url, configuration: configuration) else { return nil }
        let message = await connection.receive()
        await connection.close()
        _ = await connection.closed()
        return message
    }
}
