import HTTPCodec
import Sockets
import WebSocketCodec
import Wire

/// One picture as every viewer gets it: the access unit, its header fields,
/// and the binary WebSocket message framed once for all of them.
public final class RelayedFrame: Sendable {
    public let unit: AccessUnit
    public let header: VideoFrameHeader
    /// Header then access unit, as one server frame.
    let message: WebSocketDroppableMessage

    init(unit: AccessUnit, header: VideoFrameHeader) {
        self.unit = unit
        self.header = header
        message = WebSocketDroppableMessage(binary: header.bytes + unit.bytes)
    }

    /// The same picture with `prefix` (parameter sets) in front of its access
    /// unit, and marked as sent on joining when `catchUp`.
    func withPrefix(_ prefix: [UInt8], catchUp: Bool) -> RelayedFrame {
        var header = header
        if catchUp { header.flags.insert(.catchUp) }
        let unit = prefix.isEmpty ? unit : AccessUnit(bytes: prefix + unit.bytes, arrival: unit.arrival)
        return RelayedFrame(unit: unit, header: header)
    }
}

/// Where relayed pictures go: a WebSocket client that asked for video, an
/// HTTP client of `/video.h264`, the recording file.
public protocol VideoViewer: AnyObject, Sendable {
    /// Whether this viewer keeps the drone's stream on (the recording only
    /// records what others watch).
    var holdsStream: Bool { get }
    /// Queues `frame` if the viewer has room for it within `budget` bytes.
    func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer
    /// The agent is stopping: a viewer that waits for pictures stops waiting.
    func finish()
}

public enum VideoOffer: Sendable, Equatable {
    case taken
    /// No room: the viewer is behind.
    case skipped
    /// The viewer is gone; the relay forgets it.
    case gone
}

/// A WebSocket client: pictures go as binary messages after its text messages in one queue.
public final class WebSocketVideoViewer: VideoViewer {
    public let connection: WebSocketConnection
    public var holdsStream: Bool { true }

    public init(_ connection: WebSocketConnection) {
        self.connection = connection
    }

    /// Its session is closed with the others.
    public func finish() {}

    public func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer {
        switch await connection.offer(frame.message, queueBudget: budget) {
        case .sent: .taken
        case .skipped: .skipped
        case .notSent: .gone
        }
    }
}
