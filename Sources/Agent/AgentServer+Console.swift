import Foundation
import HTTPCodec
import JSONValue
import Logs
import Sockets
import Synchronization
import WebSocketCodec
import Wire

extension AgentServer {
    /// What the console needs from the running agent beyond its files.
    package struct Console: Sendable {
        package let routes: ConsoleRoutes
        /// The simulator's room and ground truth (nil when flying a real drone).
        package let world: @Sendable () async -> JSONValue?

        package init(routes: ConsoleRoutes, world: @escaping @Sendable () async -> JSONValue?) {
            self.routes = routes
            self.world = world
        }
    }

    /// Answers one plain HTTP request on the WebSocket port (the console), then closes.
    static func servePlain(_ request: HTTPRequest, on tcp: any ByteStream, console: Console, video: VideoService?,
                           logger: Logger) async {
        let client = tcp.remoteAddress
        var response: HTTPResponse
        switch console.routes.reply(to: request, from: client) {
        case .response(let answer):
            response = answer
        case .world:
            if let world = await console.world() {
                response = ConsoleRoutes.finish(.json(Array(world.text.utf8)), for: request)
            } else {
                response = ConsoleRoutes.finish(.text("no ground truth: this is a real drone\n", status: 404), for: request)
            }
        case .videoStream:
            guard let video else {
                response = ConsoleRoutes.finish(.text("video is not relayed by this agent\n", status: 404), for: request)
                break
            }
            await streamVideo(on: tcp, video: video, logger: logger)
            return
        }
        logger.debug("page served", ("client", client), ("path", request.path), ("status", response.status))
        if response.status >= 400 {
            logger.info("page refused", ("client", client), ("path", request.path), ("status", response.status))
        }
        try? await tcp.write(response.serialized())
        try? tcp.shutdownWrite()
        tcp.close()
    }

    private static let nextStream = Mutex<UInt64>(0)

    /// `/video.h264`: the drone's stream as raw Annex B until the client leaves.
    private static func streamVideo(on tcp: any ByteStream, video: VideoService, logger: Logger) async {
        let key = "http-\(nextStream.withLock { $0 += 1; return $0 })"
        let viewer = ByteStreamViewer(holdsStream: true)
        let started = await video.start(viewer, key: key)
        guard started.success else {
            let answer = ConsoleRoutes.finish(.text(started.text.render(.english) + "\n", status: 503), for: HTTPRequest(method: "GET", target: "/"))
            try? await tcp.write(answer.serialized())
            tcp.close()
            return
        }
        logger.info("video stream opened", ("client", tcp.remoteAddress), ("viewer", key))
        let head = "HTTP/1.1 200 OK\r\nContent-Type: video/h264\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        do { try await tcp.write(Array(head.utf8)) } catch {
            await video.left(key: key)
            tcp.close()
            return
        }
        await viewer.run { bytes in try await tcp.write(bytes) }
        await video.left(key: key)
        logger.info("video stream closed", ("client", tcp.remoteAddress), ("viewer", key))
        tcp.close()
    }
}
