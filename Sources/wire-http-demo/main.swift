import Dispatch
import Foundation
import Logs
import Wire

/// A tiny HTTP/1.1 server on Wire, for the curl interop suite (.ci/interop-http.sh)
/// and for trying the server by hand.
let usage = """
    usage: wire-http-demo [--host ADDR] [--port N] [--max-connections N]
                          [--header-timeout S] [--idle-timeout S] [--log-level L]

    Serves, until SIGINT or SIGTERM (then shuts down gracefully):
      GET  /hello        "hello\\n"
      POST /echo, PUT /echo   the request body back
      GET  /headers      the request's header fields, one per line

    --host ADDR            IPv4 address to bind (default 127.0.0.1)
    --port N               port (default 0: pick one); prints "listening on HOST:PORT"
    --max-connections N    connections served at once (default 256)
    --header-timeout S     seconds to receive a request head before 408 (default 10)
    --idle-timeout S       seconds a kept-alive connection may stay idle (default 60)
    --log-level L          trace, debug, info, warning, error (default info; logs go to stderr)

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wire-http-demo: \(message)\n\n\(usage)".utf8))
    exit(2)
}

var host = "127.0.0.1"
var port: UInt16 = 0
var configuration = HTTPServerConfiguration()
var level = LogLevel.info
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--help" || flag == "-h" {
        FileHandle.standardOutput.write(Data(usage.utf8))
        exit(0)
    }
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--host":
        host = value
    case "--port":
        guard let parsed = UInt16(value) else { fail("--port wants 0-65535, got \(value)") }
        port = parsed
    case "--max-connections":
        guard let parsed = Int(value), parsed > 0 else { fail("--max-connections wants a positive number, got \(value)") }
        configuration.maxConnections = parsed
    case "--header-timeout", "--idle-timeout":
        guard let seconds = Double(value), seconds > 0, seconds.isFinite else { fail("\(flag) wants positive seconds, got \(value)") }
        let duration = Duration.milliseconds(Int64(seconds * 1000))
        if flag == "--header-timeout" { configuration.headerTimeout = duration } else { configuration.idleTimeout = duration }
    case "--log-level":
        guard let parsed = LogLevel(name: value) else { fail("unknown log level \(value)") }
        level = parsed
    default:
        fail("unknown option \(flag)")
    }
}
guard let address = SocketAddress(host: host, port: port) else { fail("--host wants an IPv4 address, got \(host)") }

var router = HTTPRouter()
router.get("/hello") { _ in .text("hello\n") }
router.post("/echo") { request in HTTPResponse(status: 200, body: request.body) }
router.route("PUT", "/echo") { request in HTTPResponse(status: 200, body: request.body) }
router.get("/headers") { request in .text(request.headers.map { "\($0.name): \($0.value)\n" }.joined()) }

let server: HTTPServer
do {
    server = try HTTPServer(
        address: address, configuration: configuration,
        logger: Logger(component: "wire-http-demo", minimumLevel: level), router: router)
} catch {
    fail("cannot listen on \(address): \(error)")
}

signal(SIGINT, SIG_IGN)
signal(SIGTERM, SIG_IGN)
let signals = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
for source in signals {
    source.setEventHandler { @Sendable in Task { await server.shutdown() } }
    source.resume()
}
FileHandle.standardOutput.write(Data("listening on \(server.localAddress)\n".utf8))
await server.waitUntilStopped()
