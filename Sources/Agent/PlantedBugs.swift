/// Bugs planted on purpose, so that tests can prove the scenario explorer
/// finds them (`tello-scenario explore`, docs/scenario.md "Planted bugs").
///
/// Why this cannot be switched on by accident: the set is `package`, so no
/// program outside this repository can name it; no command-line flag,
/// environment variable or file format sets it (only test code builds a
/// non-empty set); and the code each bug takes is compiled only into debug
/// builds (`#if DEBUG`), so a release build behaves correctly whatever the set
/// holds.
package struct PlantedBugs: OptionSet, Sendable, Hashable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// The drone link repeats a move whose reply did not come, as it does reads.
    package static let linkRetriesMoves = PlantedBugs(rawValue: 1 << 0)
    /// A failed `drone_command` is answered twice.
    package static let routerAnswersTwice = PlantedBugs(rawValue: 1 << 1)
    /// The 3002 outbox gives an analysis up when a delivery attempt fails
    /// (the backend restarting, down or answering 500) instead of retrying it.
    package static let outboxDropsFailedDelivery = PlantedBugs(rawValue: 1 << 2)

    /// A client's send queue has no bound: a client that stops reading is
    /// never closed for it (1008) and its queue grows while it is connected.
    package static let sendQueueUnbounded = PlantedBugs(rawValue: 1 << 3)

    /// Names, for test output and the explorer's summary.
    package static let named: [(String, PlantedBugs)] = [
        ("link-retries-moves", .linkRetriesMoves), ("router-answers-twice", .routerAnswersTwice),
        ("outbox-drops-failed-delivery", .outboxDropsFailedDelivery), ("send-queue-unbounded", .sendQueueUnbounded),
    ]
}
