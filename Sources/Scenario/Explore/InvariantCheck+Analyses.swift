import JSONValue

/// AI analyses and the 3002 backend.
extension InvariantCheck {
    /// Every analysis the backend was offered was accepted by the end (after
    /// the drain); every analysis a client was shown was accepted; no more
    /// analyses than orders (one analysis never travels under two keys); the
    /// key in the header is the key in the body.
    static func analyses(_ run: RunFacts) -> [Violation] {
        var found: [Violation] = []
        var offered: [String] = []
        var accepted: Set<String> = []
        for request in run.observation.backendRequests {
            let key = request["body"]?["idempotency_key"]?.stringValue ?? ""
            let header = request["headers"]?["idempotency-key"]?.stringValue ?? ""
            if key.isEmpty || key != header {
                found.append(Violation(invariant: .analysisDelivered, detail: "a POST's idempotency key in the header (\(header)) and body (\(key)) differ"))
                continue
            }
            if !offered.contains(key) { offered.append(key) }
            if case .number(let status)? = request["answered"], (200..<300).contains(Int(status)) { accepted.insert(key) }
        }
        for (position, key) in offered.enumerated() where !accepted.contains(key) {
            found.append(Violation(invariant: .analysisDelivered, detail: "analysis \(position + 1) of \(offered.count) offered to 3002 was never accepted"))
        }
        let orders = run.requests.filter { $0.type == "natural_language_command" }.count
        if offered.count > orders {
            found.append(Violation(invariant: .analysisDelivered, detail: "\(offered.count) analyses reached 3002 under distinct keys for \(orders) orders"))
        }
        // Analyses clients saw: each order's response is shown to every client, so any copy counts.
        var shown: Set<String> = []
        for message in run.received.values.joined() where message["type"]?.stringValue == "natural_language_command_response" {
            if message["ai_analysis"] != nil, let id = message["id"].map(\.text), run.request(id: id) != nil { shown.insert(id) }
        }
        if accepted.count < shown.count {
            found.append(Violation(
                invariant: .analysisDelivered, detail: "clients were shown \(shown.count) analyses, 3002 accepted \(accepted.count)"))
        }
        return found
    }
}
