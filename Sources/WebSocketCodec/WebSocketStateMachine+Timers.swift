extension WebSocketStateMachine {
    /// Ping scheduling and pong tracking (docs/architecture.md: ping every 20 s, close if
    /// no pong within 60 s). Any pong counts: section 5.5.3 allows a pong to
    /// answer only the most recent ping, and unsolicited pongs are heartbeats.
    struct Keepalive: Sendable {
        let interval: Duration?
        let pongTimeout: Duration
        var nextPing: Duration?
        var awaitingPongSince: Duration?
        var pingsSent: UInt64 = 0

        init(interval: Duration?, pongTimeout: Duration, now: Duration) {
            self.interval = interval
            self.pongTimeout = pongTimeout
            nextPing = interval.map { now + $0 }
        }

        mutating func pongReceived() {
            awaitingPongSince = nil
        }
    }

    /// The earliest time `tick` has something to do, for the caller's timer.
    public var nextDeadline: Duration? {
        switch state {
        case .closed:
            return nil
        case .closing(_, let since):
            return since + configuration.closeTimeout
        case .open:
            let pongDeadline = keepalive.awaitingPongSince.map { $0 + keepalive.pongTimeout }
            return [keepalive.nextPing, pongDeadline].compactMap { $0 }.min()
        }
    }

    /// Runs whatever timers are due at `now`: the close timeout, the pong
    /// timeout, then the next ping.
    public mutating func tick(now: Duration) -> [Action] {
        switch state {
        case .closed:
            return []
        case .closing(_, let since):
            guard now >= since + configuration.closeTimeout else { return [] }
            // Section 7.1.5: no Close frame received, so the close code is 1006.
            return fail(code: .abnormalClosure, reason: "no close frame from peer within \(configuration.closeTimeout)")
        case .open:
            if let since = keepalive.awaitingPongSince, now >= since + keepalive.pongTimeout {
                return fail(code: .internalError, reason: "keepalive: no pong within \(keepalive.pongTimeout)")
            }
            guard let due = keepalive.nextPing, let interval = keepalive.interval, now >= due else { return [] }
            keepalive.nextPing = now + interval
            keepalive.pingsSent += 1
            if keepalive.awaitingPongSince == nil { keepalive.awaitingPongSince = now }
            let payload = (0..<8).map { UInt8(truncatingIfNeeded: keepalive.pingsSent >> UInt64(56 - 8 * $0)) }
            return [.send(WebSocketFrame(opcode: .ping, payload: payload))]
        }
    }
}
