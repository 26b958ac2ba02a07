import Foundation

/// What every scripted stand-in shares (the 3002 mock, the LLM mock,
/// `ScriptedPoster`): replies handed out in order, then a fallback forever,
/// and a record of what was asked, in arrival order: the newest `kept`
/// requests (all of them unless told), so a mock that serves for hours
/// does not hold every request it ever answered.
///
/// `@unchecked Sendable`: `script`, `fallback` and `recorded` are only touched under `lock`.
package final class MockScript<Reply: Sendable, Record: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Reply]
    private var fallback: Reply
    private var recorded: [Record] = []
    private let kept: Int

    package init(_ script: [Reply] = [], then fallback: Reply, keeping kept: Int = .max) {
        precondition(kept >= 0, "a mock keeps zero or more requests")
        self.script = script
        self.fallback = fallback
        self.kept = kept
    }

    /// Replaces the script: `replies` in order, then `fallback`.
    package func set(_ replies: [Reply], then fallback: Reply) {
        lock.withLock {
            script = replies
            self.fallback = fallback
        }
    }

    /// The next reply, with the request recorded (built from that reply) in the same step,
    /// so records and replies can never pair up wrongly under concurrency.
    package func next(recording record: (Reply) -> Record) -> Reply {
        lock.withLock {
            let reply = script.isEmpty ? fallback : script.removeFirst()
            keep(record(reply))
            return reply
        }
    }

    /// Records a request that gets no scripted reply (e.g. an unknown path).
    package func record(_ record: Record) {
        lock.withLock { keep(record) }
    }

    /// Under `lock`.
    private func keep(_ record: Record) {
        guard kept > 0 else { return }
        if recorded.count >= kept { recorded.removeFirst(recorded.count - kept + 1) }
        recorded.append(record)
    }

    package var records: [Record] { lock.withLock { recorded } }
}
