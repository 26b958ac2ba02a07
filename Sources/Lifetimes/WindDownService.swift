/// A part whose work runs elsewhere (it was started before the group, by
/// code that owns its own loops): `run` waits for the group's turn to end
/// it, then performs `windDown` (stopping it, or a goodbye that takes time)
/// and returns.
public struct WindDownService: Service {
    public let name: String
    private let windDown: @Sendable () async -> Void
    private let asked = Latch()

    public init(_ name: String, windDown: @escaping @Sendable () async -> Void) {
        self.name = name
        self.windDown = windDown
    }

    public func run() async throws {
        await asked.wait()
        try Task.checkCancellation()
        await windDown()
    }

    public func shutdown() { asked.open() }
}
