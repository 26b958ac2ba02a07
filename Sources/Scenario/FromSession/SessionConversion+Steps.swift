import FlightRecord
import Foundation
import JSONValue

extension SessionConversion {
    /// The steps: each client's opening, messages, and closing, in the order
    /// they were recorded, with `advance` where the session paused (so timers
    /// fire as they did), and the agent's messages as expectations.
    enum Steps {
        /// A pause shorter than this is the agent's own pace, not the user's: no `advance`.
        static let pauseWorthAdvancing = 0.05

        static func make(_ log: RecordLog) -> [JSONValue] {
            var steps: [JSONValue] = []
            var last: Double?
            var closed: Set<String> = []
            var refusals = 0
            func advance(to t: Double) {
                if let previous = last, t - previous >= pauseWorthAdvancing {
                    steps.append(["advance": .string(ScenarioDuration.format(.milliseconds(Int64(((t - previous) * 1000).rounded()))))])
                }
                last = t
            }
            for event in log.events {
                let client = event.string("client") ?? ""
                if !client.isEmpty, closed.contains(client) { continue }
                switch event.kind {
                case "ws_open":
                    advance(to: event.t)
                    steps.append(connect(client, path: event.string("path"), origin: event.string("origin")))
                case "ws_refused":
                    guard let status = event.int("status"), (400...599).contains(status) else { continue }
                    advance(to: event.t)
                    refusals += 1
                    var step = connect("refused\(refusals)", path: event.string("path"), origin: event.string("origin"))
                    step["expect_refusal"] = .number(Double(status))
                    steps.append(step)
                case "ws_in":
                    advance(to: event.t)
                    steps.append(send(client, event))
                case "ws_out":
                    guard let text = event.string("text"), let message = try? JSONValue(parsing: text),
                          !Generalisation.leftOut.contains(message["type"]?.stringValue ?? "") else { continue }
                    let waited = last.map { event.t - $0 } ?? 0
                    last = event.t
                    steps.append(["expect": .string(client), "message": Generalisation.pattern(message), "within": within(waited)])
                case "ws_close":
                    guard let step = close(client, event) else { continue }
                    if event.string("initiator") == "client" { advance(to: event.t) } else { last = event.t }
                    closed.insert(client)
                    steps.append(step)
                default:
                    continue
                }
            }
            return steps
        }

        /// What an expectation waits: the recorded wait twice over plus 5 s, at least 10 s (virtual
        /// time makes waiting free; a slower replay of a real drone's timing must still fit).
        static func within(_ waited: Double) -> JSONValue {
            let seconds = max(10, (max(0, waited) * 2 + 5).rounded(.up))
            return .string(ScenarioDuration.format(.seconds(seconds)))
        }

        static func connect(_ client: String, path: String?, origin: String?) -> JSONValue {
            var step: JSONValue = ["connect": .string(client)]
            if let path, path != "/" {
                step["path"] = .string(path.replacingOccurrences(of: Redaction.marker, with: SessionConversion.replayToken))
            }
            if let origin { step["origin"] = .string(origin) }
            return step
        }

        static func send(_ client: String, _ event: RecordLog.Event) -> JSONValue {
            if let count = event.int("binary") {
                // Only the size was recorded: zeros of that size, as a binary frame.
                return ["send": .string(client), "binary_hex": .string(String(repeating: "00", count: min(count, 1 << 16)))]
            }
            if let count = event.int("text_bytes") {
                // Too long to keep: only its size was recorded; a text of that size stands in for it.
                return ["send": .string(client), "filler_bytes": .number(Double(count))]
            }
            let text = event.string("text") ?? ""
            if let value = try? JSONValue.parsingKeepingTopLevelNumbers(text), value.objectValue != nil {
                return ["send": .string(client), "json": value]
            }
            return ["send": .string(client), "text": .string(text)]
        }

        /// The client's close as a step, or the agent's as an expectation. The agent's goodbye
        /// (1001 when it shut down) is left out: the recording ended there, a replay ends with its steps.
        static func close(_ client: String, _ event: RecordLog.Event) -> JSONValue? {
            let code = event.int("code") ?? 1005
            if event.string("initiator") != "client" {
                if code == 1001 { return nil }
                return ["expect_closed": .string(client), "code": .number(Double(code)), "within": "10s"]
            }
            switch code {
            case 1005: return ["close_without_status": .string(client)]
            case 1006: return ["vanish": .string(client)]
            default: return ["close": .string(client), "code": .number(Double(code)), "reason": .string(event.string("reason") ?? "")]
            }
        }
    }
}
