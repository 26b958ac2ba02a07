/// A part whose work runs elsewhere (it was started before the group, by
/// code that owns its own loops): `run` waits for the group's turn to end
/// it, then performs `windDown` (stopping it, or a goodbye that takes time)
/// and returns.
package struct WindDownService: Service {
    package let name: String
    private let windDown: @Sendable () async -> Void
    private let asked = Latch()

    package init(_ name: String, windDown: @escaping @Sendable () async -> Void) {
        self.name = name
        self.windDown = windDown
    }

    package func run() async throws {
        await asked.wait()
        try Task.checkCancellation()
        await windDown()
    }

    package func shutdown() { asked.open() }
}
