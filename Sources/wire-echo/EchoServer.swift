import Foundation
import Logs
import Wire

/// Echoes every message back on the connection it came from.
enum EchoServer {
    static func run(on address: SocketAddress, maxMessage: Int, logger: Logger) async {
        let configuration = WebSocketConfiguration(maxFrameSize: maxMessage, maxMessageSize: maxMessage)
        let server: WebSocketServer
        do {
            server = try WebSocketServer.start(on: address, configuration: configuration, logger: logger) { connection, _ in
                while let message = await connection.receive() {
                    if case .notSent(let reason) = await connection.send(message) {
                        logger.debug("echo not sent", ("client", connection.remoteAddress), ("reason", reason))
                    }
                }
            }
        } catch {
            FileHandle.standardError.write(Data("wire-echo: cannot listen on \(address): \(error)\n".utf8))
            exit(1)
        }
        FileHandle.standardOutput.write(Data("listening on \(server.localAddress)\n".utf8))
        // Serve until killed.
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
}
