import Foundation

/// What every scripted stand-in shares (the 3002 mock, the LLM mock,
/// `ScriptedPoster`): replies handed out in order, then a fallback forever,
/// and a record of what was asked, in arrival order.
///
/// `@unchecked Sendable`: `script`, `fallback` and `recorded` are only touched under `lock`.
package final class MockScript<Reply: Sendable, Record: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Reply]
    private var fallback: Reply
    private var recorded: [Record] = []

    package init(_ script: [Reply] = [], then fallback: Reply) {
        self.script = script
        self.fallback = fallback
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
            recorded.append(record(reply))
            return reply
        }
    }

    /// Records a request that gets no scripted reply (e.g. an unknown path).
    package func record(_ record: Record) {
        lock.withLock { recorded.append(record) }
    }

    package var records: [Record] { lock.withLock { recorded } }
}
