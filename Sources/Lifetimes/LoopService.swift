/// A service whose only graceful end is to stop: `run` performs `body`
/// until `shutdown`, which cancels it.
public struct LoopService: Service {
    public let name: String
    private let body: @Sendable () async throws -> Void
    private let stop = Latch()

    public init(_ name: String, _ body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        _ = try await stop.cancelling(body)
    }

    public func shutdown() { stop.open() }
}
