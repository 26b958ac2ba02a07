/// One long-lived part of a program (a server, a delivery loop, a drone
/// link): `ServiceGroup` runs its `run` as a child task and, when the
/// program ends, asks it to finish with `shutdown`.
public protocol Service: Sendable {
    /// The name the group's log lines use.
    var name: String { get }

    /// Does this part's work until it is over: it returns soon after
    /// `shutdown` was called (having finished what it owes, such as landing
    /// the drone or telling clients goodbye), and at once when cancelled.
    func run() async throws

    /// Asks `run` to wind down and return. Returns at once: the winding down
    /// happens inside `run`, so the group's deadline can cancel it.
    func shutdown()
}

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

extension Latch {
    /// Runs `body` as a child task until it returns or the latch opens,
    /// which cancels it; either way `body` has ended when this returns, and
    /// its result (nil if it threw `CancellationError` after the latch opened) is returned.
    public func cancelling<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: Cancellable<T>.self) { group in
            group.addTask { .finished(try await body()) }
            group.addTask {
                await self.wait()
                return .latchOpened
            }
            var result: T?
            do {
                while let next = try await group.next() {
                    group.cancelAll()
                    if case .finished(let value) = next { result = value }
                }
            } catch is CancellationError where isOpen {
                return nil
            }
            return result
        }
    }

    /// The same for a body that cannot fail: it always produces its result
    /// (having seen the cancellation, if the latch opened first).
    public func cancelling<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await withTaskGroup(of: Cancellable<T>.self) { group in
            group.addTask { .finished(await body()) }
            group.addTask {
                await self.wait()
                return .latchOpened
            }
            var result: T?
            while let next = await group.next() {
                group.cancelAll()
                if case .finished(let value) = next { result = value }
            }
            // The body's child always finishes, so there is a result.
            return result!
        }
    }
}

private enum Cancellable<T: Sendable>: Sendable {
    case finished(T)
    case latchOpened
}

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
