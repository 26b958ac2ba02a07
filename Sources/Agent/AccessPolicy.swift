import Foundation
import WebSocketCodec
import Wire

/// Who may open a session: a pure decision from the upgrade request's
/// `Origin` and token, so a random web page cannot fly the drone.
///
/// RFC 6455 section 10.2: a server that serves only certain pages must
/// check `Origin`; clients that are not browsers may omit it. Default: pages
/// served from localhost / 127.0.0.1 (any port: the Next.js dev server is
/// on 3000) and clients sending no Origin. `--allow-origin` adds exact
/// origins (`http://192.168.1.5:3000`) or `*`.
package struct AccessPolicy: Sendable, Equatable {
    package var allowedOrigins: [String]
    /// When set, the client must present it as `?token=` or `Authorization: Bearer`.
    package var token: String?

    package init(allowedOrigins: [String] = [], token: String? = nil) {
        self.allowedOrigins = allowedOrigins
        self.token = token
    }

    package static let localHosts: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    package func decide(origin: String?, presentedToken: String?) -> WebSocketUpgradeDecision {
        if let origin, !isAllowed(origin: origin) {
            return .reject(status: 403, reason: "origin not allowed: \(origin)")
        }
        if let token, !Self.sameToken(presentedToken, token) {
            return .reject(status: 401, reason: "missing or wrong token")
        }
        return .accept
    }

    /// `?token=` is percent-decoded (RFC 3986: `%2B` is `+`, a bare `+` stays `+`);
    /// one that does not decode counts as absent.
    package func decide(_ request: WebSocketUpgradeRequest) -> WebSocketUpgradeDecision {
        let bearer = request.header("Authorization").flatMap { value -> String? in
            let parts = value.split(separator: " ", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "bearer" ? String(parts[1]) : nil
        }
        let query = request.queryValue("token").flatMap { $0.removingPercentEncoding }
        let origin = Self.isOwnPage(origin: request.origin, host: request.header("Host")) ? nil : request.origin
        return decide(origin: origin, presentedToken: query ?? bearer)
    }

    /// A page this agent served (the console) opened from another machine: its
    /// Origin is this very address and port. Only for an IPv4 address: with a
    /// name, a hostile site could point its own name at this agent (DNS
    /// rebinding) and be "its own origin".
    static func isOwnPage(origin: String?, host: String?) -> Bool {
        guard let origin, let host, origin == "http://\(host)" else { return false }
        let name = host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Tokens are compared as UTF-8 bytes, not as `String`s (which equate
    /// canonically equivalent text: é and e + U+0301), and in time that does
    /// not depend on where they differ or on the secret's length: both are
    /// hashed and every digest byte is compared.
    static func sameToken(_ presented: String?, _ expected: String) -> Bool {
        guard let presented else { return false }
        let a = SHA1.digest(Array(presented.utf8)), b = SHA1.digest(Array(expected.utf8))
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    func isAllowed(origin: String) -> Bool {
        if allowedOrigins.contains("*") || allowedOrigins.contains(origin) { return true }
        guard let components = URLComponents(string: origin), let host = components.host?.lowercased(),
              components.scheme == "http" || components.scheme == "https" else { return false }
        return Self.localHosts.contains(host) || Self.localHosts.contains("[\(host)]")
    }
}
