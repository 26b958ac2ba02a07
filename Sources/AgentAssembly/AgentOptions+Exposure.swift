import Sockets

extension AgentOptions {
    /// What the operator must know before the agent starts: it can be reached
    /// from other machines, or a token was given empty. Pure, so it is tested;
    /// `tello-agent` prints each line on stderr and logs it.
    package var warnings: [String] {
        var lines: [String] = []
        if let source = emptyTokenSource {
            lines.append("\(source) is empty, so no token is required (an empty token means none)")
        }
        guard let listen = SocketAddress(host: host, port: port), !listen.isLoopback else { return lines }
        let reach = listen.ipv4 == 0 ? "every network interface (\(host))" : "\(host), an address other machines can reach"
        var line = "listening on \(reach): "
        if token == nil {
            line += "anyone on the network who can reach port \(port) can fly the drone. Set --token T (or TELLO_AGENT_TOKEN) "
                + "so clients must present it; the Origin check only stops browser pages from other sites, not other programs"
        } else {
            line += "clients must present the token (--token); browser pages are also checked against the allowed origins"
        }
        if allowedOrigins.contains("*") { line += ". --allow-origin * lets pages from any site connect" }
        lines.append(line)
        return lines
    }
}
