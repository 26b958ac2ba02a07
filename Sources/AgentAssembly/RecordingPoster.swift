import FlightRecord
import Foundation
import PostTransport
import Synchronization

/// An `HTTPPoster` that records each POST and what came of it: the 3002
/// backend's (`backend_post`/`backend_reply`) or the model's (`llm_request`/
/// `llm_reply`). Headers are never recorded (they carry the keys); URL and bodies
/// are redacted by the recorder's writer.
struct RecordingPoster: HTTPPoster {
    enum Peer: Sendable {
        case backend
        case llm(provider: String)
    }

    let inner: any HTTPPoster
    let peer: Peer
    let recorder: any RecordSink
    /// Numbers each exchange of this peer, so a reply is paired with its request.
    let counter: ExchangeCounter

    func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome {
        let id = counter.next()
        let text = String(decoding: body, as: UTF8.self)
        switch peer {
        case .backend: recorder.record(.backendPost(id: id, url: url.absoluteString, body: text))
        case .llm(let provider): recorder.record(.llmRequest(id: id, provider: provider, url: url.absoluteString, body: text))
        }
        let outcome = await inner.post(to: url, headers: headers, body: body)
        var status: Int?, reply: String?, error: String?
        switch outcome {
        case .response(let code, let data):
            status = code
            reply = String(decoding: data, as: UTF8.self)
        case .refused: error = "refused"
        case .failed(let why): error = why
        case .timedOut: error = "timed out"
        }
        switch peer {
        case .backend: recorder.record(.backendReply(id: id, status: status, error: error))
        case .llm: recorder.record(.llmReply(id: id, status: status, body: reply, error: error))
        }
        return outcome
    }
}

/// 1, 2, 3, ... shared by every poster of one peer (the planner is rebuilt on each settings update).
final class ExchangeCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
