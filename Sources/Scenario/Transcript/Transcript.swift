import JSONValue

/// The record of one run, rendered so that two runs of the same scenario
/// can be compared byte for byte (`--repeat`).
///
/// Lines are grouped by channel ("scenario", then each client in the order
/// it first appears, then "backend") and kept in order within a channel. A
/// client's own stream is ordered by TCP, but two clients' streams are not
/// ordered against each other, so interleaving them would make honest runs differ.
public struct Transcript: Sendable, Equatable {
    public let setup: TranscriptSetup
    /// Every recorded event, in the order the runner saw it (for `--record` and failure tails).
    public private(set) var events: [TranscriptEvent] = []

    public init(setup: TranscriptSetup = TranscriptSetup()) {
        self.setup = setup
    }

    /// Records `event`, unless it is a received message of an ignored type.
    public mutating func record(_ event: TranscriptEvent) {
        if case .received(_, let message) = event, let type = message.type, setup.ignoredTypes.contains(type) {
            return
        }
        events.append(event)
    }

    /// Channel names in rendering order.
    public var channels: [String] {
        var clients: [String] = []
        for event in events where !["scenario", "backend"].contains(event.channel) && !clients.contains(event.channel) {
            clients.append(event.channel)
        }
        return ["scenario"] + clients + ["backend"]
    }

    /// The rendered transcript: one `channel: line` per event, grouped by channel.
    public var text: String {
        channels.flatMap { channel in
            events.filter { $0.channel == channel }.map { "\(channel): " + TranscriptFormat.line(for: $0, setup: setup) }
        }.map { $0 + "\n" }.joined()
    }

    /// The last `count` events in the order they happened, for a failure report.
    public func tail(_ count: Int) -> [String] {
        events.suffix(count).map { "\($0.channel): " + TranscriptFormat.line(for: $0, setup: setup) }
    }
}
