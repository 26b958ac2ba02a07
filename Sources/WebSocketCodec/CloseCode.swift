/// A WebSocket close status code (RFC 6455 section 7.4 and the IANA registry).
///
/// Some codes are only ever reported locally and "MUST NOT be set as a status
/// code in a Close control frame by an endpoint" (section 7.4.1): 1005 (no
/// status received), 1006 (closed abnormally) and 1015 (TLS failure).
public struct WebSocketCloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let normalClosure = Self(1000)
    public static let goingAway = Self(1001)
    public static let protocolError = Self(1002)
    public static let unsupportedData = Self(1003)
    public static let noStatusReceived = Self(1005)
    public static let abnormalClosure = Self(1006)
    public static let invalidPayload = Self(1007)
    public static let policyViolation = Self(1008)
    public static let messageTooBig = Self(1009)
    public static let mandatoryExtension = Self(1010)
    public static let internalError = Self(1011)
    public static let serviceRestart = Self(1012)
    public static let tryAgainLater = Self(1013)
    public static let badGateway = Self(1014)
    public static let tlsHandshakeFailure = Self(1015)

    /// May this code travel in a Close frame? Section 7.4.2: 0-999 are not
    /// used; 1000-2999 are for the protocol, so only the assigned ones (1000-1003,
    /// 1007-1014 in the IANA registry) are legal; 3000-4999 belong to libraries
    /// and applications; 1004 is reserved and 1005/1006/1015 are local-only.
    public var isAllowedOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    public var description: String { String(rawValue) }
}
