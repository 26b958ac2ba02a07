/// How a WebSocket connection ended, as data the owner can log and act on.
///
/// This is the distinction the original agent's field failure lacked: a
/// browser tab closing (1001), a peer closing with an empty Close frame
/// (reported as 1005, no status), a TCP connection that simply vanished
/// (1006, never sent on the wire), and real errors (1002, 1007, 1009, ...).
public struct WebSocketCloseInfo: Sendable, Equatable, CustomStringConvertible {
    public enum Initiator: String, Sendable, Equatable {
        /// We started the close handshake or failed the connection.
        case local
        /// The peer sent the first Close frame.
        case remote
        /// The TCP connection ended without a close handshake.
        case transport
    }

    /// The severity the agent logs it with (docs/architecture.md, Conventions).
    public enum Severity: String, Sendable, Equatable {
        /// 1000 normal, 1001 going away, 1005 close frame without status: info.
        case clean
        /// 1006: the connection dropped without a Close frame: warning.
        case abnormal
        /// Any other code: a protocol or application failure: warning with code and reason.
        case error
    }

    public let initiator: Initiator
    /// nil when a Close frame carried no status code (RFC 6455 section 7.1.5: reported as 1005).
    public let code: WebSocketCloseCode?
    public let reason: String

    public init(initiator: Initiator, code: WebSocketCloseCode?, reason: String) {
        self.initiator = initiator
        self.code = code
        self.reason = reason
    }

    /// The code as RFC 6455 section 7.1.5 reports it: 1005 when the frame had none.
    public var reportedCode: WebSocketCloseCode { code ?? .noStatusReceived }

    public var severity: Severity {
        switch reportedCode {
        case .normalClosure, .goingAway, .noStatusReceived: .clean
        case .abnormalClosure: .abnormal
        default: .error
        }
    }

    public var description: String {
        "\(initiator.rawValue) close \(reportedCode.rawValue) (\(severity.rawValue))" + (reason.isEmpty ? "" : ": \(reason)")
    }
}
