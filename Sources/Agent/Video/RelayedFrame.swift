import HTTPCodec
import Sockets
import WebSocketCodec
import Wire

/// One picture as every viewer gets it: the access unit, its header fields,
/// and the binary WebSocket message framed once for all of them.
package final class RelayedFrame: Sendable {
    package let unit: AccessUnit
    package let header: VideoFrameHeader
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
package protocol VideoViewer: AnyObject, Sendable {
    /// Whether this viewer keeps the drone's stream on (the recording only
    /// records what others watch).
    var holdsStream: Bool { get }
    /// Queues `frame` if the viewer has room for it within `budget` bytes.
    func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer
    /// The agent is stopping: a viewer that waits for pictures stops waiting.
    func finish()
}

package enum VideoOffer: Sendable, Equatable {
    case taken
    /// No room: the viewer is behind.
    case skipped
    /// The viewer is gone; the relay forgets it.
    case gone
}

/// A WebSocket client: pictures go as binary messages after its text messages in one queue.
package final class WebSocketVideoViewer: VideoViewer {
    package let connection: WebSocketConnection
    package var holdsStream: Bool { true }

    package init(_ connection: WebSocketConnection) {
        self.connection = connection
    }

    /// Its session is closed with the others.
    package func finish() {}

    package func offer(_ frame: RelayedFrame, budget: Int) async -> VideoOffer {
        switch await connection.offer(frame.message, queueBudget: budget) {
        case .sent: .taken
        case .skipped: .skipped
        case .notSent: .gone
        }
    }
}
