import JSONValue
import Logs
import Wire

/// One WebSocket client sending requests one at a time and waiting for each
/// answer (matched by `id`; broadcasts in between are skipped). Sequential by
/// design: the bench measures one request's round trip, so it needs no reader task.
struct Pilot {
    let connection: WebSocketConnection

    init(url: String) async throws {
        connection = try await WebSocketConnection.connect(to: url, logger: Logger(component: "bench-pilot", minimumLevel: .error))
    }

    struct NoAnswer: Error, CustomStringConvertible {
        let id: String
        var description: String { "the connection ended before the answer to \(id)" }
    }

    func request(_ type: String, _ data: JSONValue = [:], id: String) async throws -> JSONValue {
        _ = await connection.send(text: (["type": .string(type), "data": data, "id": .string(id)] as JSONValue).text)
        while let message = await connection.receive() {
            guard case .text(let text) = message, text.contains(id), let value = try? JSONValue(parsing: text),
                  value["id"]?.stringValue == id else { continue }
            return value
        }
        throw NoAnswer(id: id)
    }

    func close() async {
        _ = await connection.close()
        _ = await connection.closed()
    }
}
