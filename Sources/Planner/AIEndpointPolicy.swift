import Foundation
import JSONValue

/// Where a client may point the planner, and where the operator's keys may go.
///
/// The operator configures model endpoints and keys in the environment;
/// any client may change the endpoint with `update_ai_settings`. Two rules
/// keep that from becoming a way to steal the key or to make the agent call
/// hosts nobody meant it to reach (cloud metadata, a router's admin page):
/// - a URL from a client must name a loopback host, the host of an endpoint
///   the operator configured (or a provider's default), or a host the
///   operator allowed with `--allow-llm-host`;
/// - a key travels only with the URL it came with: the environment's key
///   only to the environment's endpoint (same scheme, host and port), a
///   client's key only with the URL given in the same message.
package struct AIEndpointPolicy: Sendable, Equatable {
    /// Hosts the operator allows beyond loopback and the configured endpoints, lower-cased.
    package var allowedHosts: Set<String>

    package init(allowedHosts: [String] = []) {
        self.allowedHosts = Set(allowedHosts.map { Self.bare($0.lowercased()) })
    }

    /// Why a client may not use `url`, or nil when it may.
    func refusal(of url: String, environment: [String: String]) -> String? {
        guard let origin = Origin(url) else { return nil }  // not http(s): `validated()` explains
        if origin.isLoopback || allowedHosts.contains(origin.host) { return nil }
        let configured = AIProvider.allCases.compactMap { Origin(AISettings.defaults(for: $0, environment).baseURL)?.host }
        if configured.contains(origin.host) { return nil }
        return "主机 \(Echo.text(origin.host)) 不在允许范围内（只允许本机、已配置的地址，或运营者用 --allow-llm-host 添加的主机）"
    }

    /// The key the environment configured for `settings`' provider, if
    /// `settings` points at the environment's endpoint for it; else nil.
    static func environmentKey(for settings: AISettings, _ environment: [String: String]) -> String? {
        let configured = AISettings.defaults(for: settings.provider, environment)
        guard let mine = Origin(settings.baseURL), mine == Origin(configured.baseURL) else { return nil }
        return configured.apiKey
    }

    static func bare(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }

    /// Scheme, host and port of an http(s) URL: what decides where a request goes.
    struct Origin: Equatable {
        let scheme: String
        let host: String
        let port: Int

        init?(_ url: String) {
            guard let components = URLComponents(string: url.trimmingSpaces), let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return nil }
            self.scheme = scheme
            self.host = AIEndpointPolicy.bare(host.lowercased())
            self.port = components.port ?? (scheme == "https" ? 443 : 80)
        }

        var isLoopback: Bool {
            if host == "localhost" || host == "::1" { return true }
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
        }
    }
}
