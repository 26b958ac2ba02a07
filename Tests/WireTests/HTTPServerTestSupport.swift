import Clocks
@testable import HTTPCodec
import Logs
@testable import Sockets
import Testing
@testable import Wire

/// A server on 127.0.0.1:0 with a memory log, for tests.
struct TestServer {
    let server: HTTPServer
    let log = MemorySink()

    init(
        configuration: HTTPServerConfiguration = .init(), time: any TimeSource = SystemTime(),
        router: HTTPRouter
    ) throws {
        let log = self.log
        server = try HTTPServer(
            configuration: configuration, time: time,
            logger: Logger(component: "http", minimumLevel: .debug, sink: log), router: router)
    }

    var address: SocketAddress { server.localAddress }

    /// Writes `bytes` on a fresh connection and returns everything read until the server closes.
    func rawExchange(_ text: String) async throws -> String {
        let connection = try await TCPConnection.connect(to: address)
        defer { connection.close() }
        try await connection.write(Array(text.utf8))
        return String(decoding: try await readAll(connection), as: UTF8.self)
    }

    func messages() -> [String] { log.records.map(\.message) }
}

/// Reads one response (of a request with `method`) from a kept-alive connection.
func readResponse(_ connection: TCPConnection, parser: inout HTTPResponseParser, method: String = "GET") async throws -> HTTPResponse? {
    while true {
        if let response = try parser.next(requestMethod: method) { return response }
        let bytes = try await connection.read()
        if bytes.isEmpty { return try parser.finish() }
        parser.append(bytes)
    }
}

extension HTTPRouter {
    /// A router with GET /hello, POST /echo, and whatever `extra` adds.
    static func testing(_ extra: (inout HTTPRouter) -> Void = { _ in }) -> HTTPRouter {
        var router = HTTPRouter()
        router.get("/hello") { _ in .text("hello\n") }
        router.post("/echo") { request in HTTPResponse(status: 200, body: request.body) }
        extra(&router)
        return router
    }
}
