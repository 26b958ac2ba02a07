import Foundation

/// The shape of a reply datagram, which is all there is to match it with:
/// Tello replies carry no sequence number (tello-sdk.md), so a reply can
/// only be told apart from a late one by order and by shape.
public enum DroneReply: Sendable, Equatable {
    /// `ok`: control and set commands succeeded.
    case ok
    /// `error`, `error Motor stop`, `out of range`, `unknown command: x`...
    case error(String)
    /// Anything else: the answer to a read command (`87`, `100.0`, `0s`, a serial number).
    case value(String)

    public init(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        if lower == "ok" {
            self = .ok
        } else if lower.hasPrefix("error") || lower.hasPrefix("out of range") || lower.hasPrefix("unknown command")
            || lower.isEmpty
        {
            self = .error(text)
        } else {
            self = .value(text)
        }
    }

    /// The text as the drone sent it (trimmed).
    public var text: String {
        switch self {
        case .ok: "ok"
        case .error(let text), .value(let text): text
        }
    }

    /// Numbers (`87`, `100.0`) and motor time (`12s`) are what reads other
    /// than `sn?` answer; the probe's serial number is neither.
    var isNumericValue: Bool {
        guard case .value(let text) = self else { return false }
        let digits = text.hasSuffix("s") ? String(text.dropLast()) : text
        return Double(digits) != nil
    }

    /// Whether this reply can answer `command`: `sn?` takes a non-numeric
    /// value (or SDK 1.3's "unknown command: sn?"), other reads a number,
    /// everything else `ok`; errors fit all but the probe, which a busy drone
    /// answers with a bare `error` that proves nothing.
    func fits(_ command: DroneCommand) -> Bool {
        switch self {
        case .error(let text): command != .serialNumber || text.contains(DroneCommand.serialNumber.text)
        case .ok: !command.expectsValue
        case .value: command.expectsValue && (command == .serialNumber) != isNumericValue
        }
    }
}
