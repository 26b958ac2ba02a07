import Clocks
import Foundation
import JSONValue
import PostTransport

/// An in-process transport that answers from a script and records every
/// call: for tests and scenarios that exercise delivery or planning logic
/// without sockets (the HTTP mocks cover the socket path).
///
package final class ScriptedPoster: HTTPPoster, Sendable {
    package enum Reply: Sendable {
        case outcome(PostOutcome)
        /// Never answers: waits on the injected clock until the caller gives up (cancels).
        case hang
    }

    /// One recorded call; `body` parsed as JSON (`.null` if it was not JSON).
    package struct Call: Sendable {
        package let url: URL
        package let headers: [String: String]
        package let body: JSONValue
    }

    private let script: MockScript<Reply, Call>
    private let time: any TimeSource

    /// Answers with `script` in order, then with `fallback` (200 `{"ok":true}` unless given).
    package init(
        _ script: [Reply], then fallback: Reply = .outcome(.response(status: 200, body: Data(#"{"ok":true}"#.utf8))),
        time: any TimeSource
    ) {
        self.script = MockScript(script, then: fallback)
        self.time = time
    }

    package var calls: [Call] { script.records }

    package func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome {
        let reply = script.next { _ in Call(url: url, headers: headers, body: (try? JSONValue(parsing: body)) ?? .null) }
        switch reply {
        case .outcome(let outcome):
            return outcome
        case .hang:
            do {
                while true { try await time.sleep(for: .seconds(3600)) }
            } catch {
                return .failed("cancelled while hanging")
            }
        }
    }
}
