import HTTPCodec
import JSONValue
import Sockets
import WebSocketCodec
import Wire

/// The browser console's HTTP side as a pure decision: a request in, the
/// answer out (a file, the page's settings, or "stream the video" / "send
/// the world", which need the running agent). It knows nothing of sockets,
/// so it fits under any server that can route plain requests.
///
/// The page and its scripts are package (they hold no secret, and with
/// `--token` the page must load to ask for the token). What shows the drone
/// (`/video.h264`, `/console/world.json`) follows the WebSocket API's rules:
/// an Origin other than the allowed ones is refused, and the token is
/// required when one is set (`Authorization: Bearer`, or `?token=` for
/// players that cannot send headers; the agent never logs a query).
package struct ConsoleRoutes: Sendable {
    package enum Reply: Sendable, Equatable {
        case response(HTTPResponse)
        /// Stream the drone's video as raw Annex B.
        case videoStream
        /// The simulator's room and where the drone really is, as JSON (404 when flying a real drone).
        case world
    }

    let access: AccessPolicy
    let settings: JSONValue

    package init(access: AccessPolicy, language: AgentLanguage, simulator: Bool) {
        self.access = access
        settings = ["language": .string(language.rawValue), "token_required": .bool(access.token != nil),
                    "simulator": .bool(simulator), "video_header_bytes": .number(Double(VideoFrameHeader.length))]
    }

    package func reply(to request: HTTPRequest, from client: SocketAddress = .any()) -> Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            var refusal = HTTPResponse.text("\(request.method) not allowed here\n", status: 405)
            refusal.headers.set("Allow", "GET, HEAD")
            return .response(refusal)
        }
        let path = request.path
        switch path {
        case "/video.h264", "/console/world.json":
            if case .reject(let status, let reason) = access.decide(WebSocketUpgradeRequest(request, remoteAddress: client)) {
                return .response(Self.finish(.text(reason + "\n", status: status), for: request))
            }
            if path == "/video.h264" && request.method == "HEAD" {
                // The head a stream would start with; a HEAD never starts the drone's video.
                return .response(HTTPResponse(status: 200, headers: ["Content-Type": "video/h264", "Cache-Control": "no-store",
                                                                     "Connection": "close"]))
            }
            return path == "/video.h264" ? .videoStream : .world
        case "/console/settings.json":
            return .response(Self.finish(Self.file(Array(settings.text.utf8), type: "application/json"), for: request))
        default:
            let name = path == "/" ? "index.html" : path.hasPrefix("/console/") ? String(path.dropFirst("/console/".count)) : ""
            guard let file = ConsoleFiles.all[name] else {
                return .response(Self.finish(.text("no such page: \(Echo.text(path))\n", status: 404), for: request))
            }
            return .response(Self.finish(Self.file(file.bytes, type: file.type), for: request))
        }
    }

    /// A page or script, never cached stale (the console changes with the agent) and
    /// never run from anywhere but here.
    static func file(_ bytes: [UInt8], type: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [
            "Content-Type": type,
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                + "style-src 'self'; frame-ancestors 'none'",
        ], body: bytes)
    }

    /// One answer per connection; HEAD gets the head only, with the length GET would have.
    static func finish(_ response: HTTPResponse, for request: HTTPRequest) -> HTTPResponse {
        var response = response
        response.headers.set("Connection", "close")
        if request.method == "HEAD" {
            response.headers.set("Content-Length", String(response.body.count))
            response.body = []
        }
        return response
    }
}
