/// A service whose only graceful end is to stop: `run` performs `body`
/// until `shutdown`, which cancels it.
package struct LoopService: Service {
    package let name: String
    private let body: @Sendable () async throws -> Void
    private let stop = Latch()

    package init(_ name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    package func run() async throws {
        _ = try await stop.cancelling(body)
    }

    package func shutdown() { stop.open() }
}
