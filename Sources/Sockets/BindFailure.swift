import Glibc

/// A socket could not be bound, told the way its user needs it: the address
/// and port, what the socket was for, and what to do about it. A bare
/// "Address already in use" leaves them guessing which of a program's ports
/// (WebSocket, UDP state 8890, a control endpoint) is taken.
public struct BindFailure: Error, Sendable, CustomStringConvertible {
    public let address: SocketAddress
    /// What the socket serves, e.g. "the WebSocket API".
    public let purpose: String
    public let error: SocketError
    public let advice: String

    public var description: String {
        "cannot bind \(address) for \(purpose): \(String(cString: strerror(error.code))) (errno \(error.code))"
            + (advice.isEmpty ? "" : ". \(advice)")
    }

    /// Runs `bind`, turning a failed bind of `address` into a `BindFailure`; any other
    /// error (another socket's bind included) passes through unchanged.
    /// `portFlag` is the option that moves the port (nil when it is fixed, like a Tello's 8890);
    /// `usualSuspect` is who usually holds it.
    public static func explaining<Result>(
        _ purpose: String, at address: SocketAddress, portFlag: String?, usualSuspect: String, _ bind: () throws -> Result
    ) throws -> Result {
        do {
            return try bind()
        } catch {
            throw explain(error, purpose, at: address, portFlag: portFlag, usualSuspect: usualSuspect)
        }
    }

    /// `error` as a `BindFailure` if it is the failed bind of `address`; otherwise unchanged.
    public static func explain(
        _ error: any Error, _ purpose: String, at address: SocketAddress, portFlag: String?, usualSuspect: String
    ) -> any Error {
        guard let error = error as? SocketError, error.operation == "bind \(address)" else { return error }
        return BindFailure(address: address, purpose: purpose, error: error,
                           advice: advice(error.code, address: address, portFlag: portFlag, usualSuspect: usualSuspect))
    }

    static func advice(_ code: Int32, address: SocketAddress, portFlag: String?, usualSuspect: String) -> String {
        let move = portFlag.map { " or choose another port with \($0)" } ?? ""
        switch code {
        case EADDRINUSE:
            return "Port \(address.port) is already taken, probably by \(usualSuspect): stop it\(move)"
        case EADDRNOTAVAIL:
            return "\(address.host) is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its own addresses"
        case EACCES:
            return "Ports below 1024 need administrator rights\(portFlag.map { ": choose another with \($0)" } ?? "")"
        default:
            return ""
        }
    }
}
