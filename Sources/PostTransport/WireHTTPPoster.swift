import Clocks
import Foundation
import HTTPCodec
import Networks
import Sockets
import Wire

/// A transport over Wire's HTTP client: plain `http://` to IPv4 or
/// localhost, one connection per request, waiting on the reactor instead of
/// burning a core as URLSession does here. The natural choice for a 3002
/// backend on loopback or the LAN; `URLSessionPoster` remains for https.
package struct WireHTTPPoster: HTTPPoster {
    private let time: any TimeSource
    private let timeout: Duration
    /// Where connections come from: nil for the machine's TCP (Wire's client connects itself).
    private let network: (any StreamNetwork)?

    /// `timeout` bounds the whole exchange; the caller usually races its own
    /// deadline too (`Bridge3002Client`), so this is a backstop.
    package init(time: any TimeSource = SystemTime(), timeout: Duration = .seconds(30), network: (any StreamNetwork)? = nil) {
        self.time = time
        self.timeout = timeout
        self.network = network
    }

    /// Whether this transport can reach `url` (http, IPv4 literal or localhost).
    package static func supports(_ url: URL) -> Bool { HTTPURL(url.absoluteString) != nil }

    package func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome {
        var request = HTTPRequest(method: "POST", target: "/", headers: HTTPHeaders(), body: Array(body))
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.set(name, value) }
        do {
            let response: HTTPResponse
            if let network, let parsed = HTTPURL(url.absoluteString) {
                request.target = parsed.target
                request.headers.set("Host", parsed.authority)
                let stream = try await network.connect(to: parsed.address)
                response = try await HTTPClient.send(request, over: stream, timeout: timeout, time: time)
            } else {
                response = try await HTTPClient.send(request, to: url.absoluteString, timeout: timeout, time: time)
            }
            return .response(status: response.status, body: Data(response.body))
        } catch let error as SocketError where error.isConnectionRefused {
            return .refused
        } catch is DeadlineExceeded {
            return .timedOut
        } catch {
            return .failed(String(describing: error))
        }
    }
}

/// The transport for `endpoint`: Wire's client where it can go (plain http), URLSession otherwise.
package func defaultPoster(for url: URL, time: any TimeSource = SystemTime()) -> any HTTPPoster {
    WireHTTPPoster.supports(url) ? WireHTTPPoster(time: time) : URLSessionPoster()
}
