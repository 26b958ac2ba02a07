/// A part that is ended by a wind-down (stopping it, or a goodbye that
/// takes time): `run` performs `work` (its loops, as a child; none by
/// default, when the work runs elsewhere) and waits for the group's turn to
/// end it, then performs `windDown`, which must make `work` return, and
/// awaits both.
package struct WindDownService: Service {
    package let name: String
    private let work: @Sendable () async -> Void
    private let windDown: @Sendable () async -> Void
    private let asked = Latch()

    package init(_ name: String, running work: @escaping @Sendable () async -> Void = {},
                 windDown: @escaping @Sendable () async -> Void) {
        self.name = name
        self.work = work
        self.windDown = windDown
    }

    package func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            await asked.wait()
            // Cancelled before its turn: the throw cancels `work` and awaits it.
            try Task.checkCancellation()
            await windDown()
            try await group.waitForAll()
        }
    }

    package func shutdown() { asked.open() }
}
