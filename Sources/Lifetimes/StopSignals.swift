import Dispatch
import Foundation

/// SIGINT and SIGTERM as a stream of their names, for `ServiceGroup.run(until:)`.
///
/// The signals' default action (ending the process at once) is replaced by a
/// Dispatch signal source: the name is handed over on Dispatch's queue, never
/// inside a signal handler, where almost nothing is safe to call.
///
/// `@unchecked Sendable`: `sources` is set once in `init` and only read
/// (kept so the sources live as long as this value); Dispatch sources are
/// thread-safe.
package final class StopSignals: @unchecked Sendable {
    package let names: AsyncStream<String>
    private let sources: [any DispatchSourceSignal]

    package init(_ signals: [(number: Int32, name: String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]) {
        let (names, yield) = AsyncStream<String>.makeStream()
        self.names = names
        sources = signals.map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { @Sendable in yield.yield(name) }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
