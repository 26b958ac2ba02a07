import Agent
import Foundation
import HTTPCodec
import Testing
import Wire

/// The token check as a pure decision over upgrade requests.
@Suite struct AccessTokenTests {
    static func upgrade(_ target: String, headers: [(String, String)] = []) -> WebSocketUpgradeRequest {
        let request = HTTPRequest(method: "GET", target: target, version: .http11, headers: HTTPHeaders(headers.map { HTTPField(name: $0.0, value: $0.1) }))
        return WebSocketUpgradeRequest(request, remoteAddress: .loopback(port: 1))
    }

    @Test(arguments: [
        ("/?token=a%20b%2Bc%26d", true),
        ("/?token=a b+c&d", false),
        ("/?x=1&token=a%20b%2Bc%26d#frag", true),
        ("/?token=a%20b", false),
        ("/?token=%ZZ", false),
        ("/", false),
    ])
    func theQueryTokenIsPercentDecoded(_ target: String, _ accepted: Bool) {
        let policy = AccessPolicy(token: "a b+c&d")
        #expect((policy.decide(Self.upgrade(target)) == .accept) == accepted)
    }

    /// `String` equality treats é and e + combining acute as equal; a token is bytes.
    @Test func tokensCompareAsBytesNotAsCanonicallyEquivalentText() {
        let policy = AccessPolicy(token: "caf\u{E9}")
        #expect(policy.decide(origin: nil, presentedToken: "caf\u{E9}") == .accept)
        #expect(policy.decide(origin: nil, presentedToken: "cafe\u{301}") != .accept)
        #expect(policy.decide(Self.upgrade("/?token=cafe%CC%81")) != .accept)
        #expect(policy.decide(Self.upgrade("/?token=caf%C3%A9")) == .accept)
        #expect(policy.decide(Self.upgrade("/", headers: [("Authorization", "Bearer cafe\u{301}")])) != .accept)
        #expect(policy.decide(Self.upgrade("/", headers: [("Authorization", "Bearer caf\u{E9}")])) == .accept)
    }

    /// A fragment is never part of a request target; what a client puts after `#` stays out of paths, queries and logs.
    @Test func aFragmentIsNeitherPathNorQuery() {
        let request = Self.upgrade("/ws#token=s3cret")
        #expect(request.path == "/ws")
        #expect(Self.upgrade("/ws?a=1#token=s3cret").queryValue("a") == "1")
        #expect(Self.upgrade("/ws?a=1#token=s3cret").queryValue("token") == nil)
        let http = HTTPRequest(method: "GET", target: "/x?q=1#token=s3cret", version: .http11, headers: HTTPHeaders([]))
        #expect(http.path == "/x" && http.query == "q=1")
    }
}
