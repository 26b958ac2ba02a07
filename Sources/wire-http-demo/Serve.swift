import CommandLineFlags
import Foundation
import HTTPCodec
import Lifetimes
import Logs
import Sockets
import Wire

/// Serves the demo routes until SIGINT or SIGTERM, then shuts down gracefully.
func serve(_ arguments: ArraySlice<String>) async {
    var arguments = arguments
    var host = "127.0.0.1"
    var port: UInt16 = 0
    var configuration = HTTPServerConfiguration()
    var level = LogLevel.info
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
            do { port = try BoundedNumber.port(value, flag: flag) } catch { fail(error.message) }
        case "--max-connections":
            do { configuration.maxConnections = try BoundedNumber.integer(value, flag: flag, in: 1...100_000) } catch { fail(error.message) }
        case "--header-timeout", "--idle-timeout":
            let duration: Duration
            do { duration = try BoundedNumber.seconds(value, flag: flag, in: 0.001...86_400) } catch { fail(error.message) }
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

    let signals = StopSignals()
    FileHandle.standardOutput.write(Data("listening on \(server.localAddress)\n".utf8))
    await withTaskGroup(of: Void.self) { group in
        // The first signal shuts the server down, as a child of this scope.
        group.addTask {
            for await _ in signals.names {
                await server.shutdown()
                return
            }
        }
        await server.waitUntilStopped()
        group.cancelAll()
    }
}
