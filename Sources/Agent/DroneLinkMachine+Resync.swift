import TelloSDK

/// Resynchronisation and SDK-mode re-entry.
///
/// Why `command` joins the resync: a Tello that restarted (a battery swap, a
/// power cycle) or never got `command` is not in SDK mode and answers nothing
/// but `command`, so probes alone would go unanswered for ever and every
/// later `connect_drone` would wait behind them. `command` is harmless to
/// repeat (a Tello in SDK mode answers `ok`), so it goes out ahead of the
/// next probe whenever a caller asks for it or, while SDK mode is held, a
/// probe went unanswered. Its `ok` proves nothing (it could be a late reply),
/// so the probe still follows, and a caller's `command` is answered with the
/// probe's answer: a drone that answers a probe is in SDK mode and in step.
extension DroneLinkMachine {
    /// The probe in flight was answered: the link is in step.
    mutating func resynced() -> [Action] {
        needsResync = false
        unansweredProbes = 0
        reentryOwed = false
        finish()
        guard let pending = pendingSDKMode else { return [] }
        pendingSDKMode = nil
        return [.complete(pending, .reply(.ok))]
    }

    /// The probe in flight timed out. Never give up the resync: a command sent
    /// before some probe is answered could take a stale reply. Commands that
    /// wait are failed unsent instead, every `probeAttempts` probes, and
    /// probing goes on; a waiting `command` stays, since it is what can end the wait.
    mutating func probeUnanswered() -> [Action] {
        var actions: [Action] = []
        unansweredProbes += 1
        if holdsSDKMode { reentryOwed = true }
        if let pending = pendingSDKMode {
            // `command` and the probe after it both went unanswered: the drone
            // is out of reach, and the caller hears so now, not cycles later.
            pendingSDKMode = nil
            actions.append(.complete(pending, .timedOut))
        }
        if unansweredProbes % config.probeAttempts == 0 {
            actions += queue.filter { $0.command.kind != .sdkMode }.map { .complete($0.ticket, .notSent) }
            queue.removeAll { $0.command.kind != .sdkMode }
        }
        return actions
    }

    /// What `sendNext` would transmit (nil: nothing waits), without sending it.
    func nextQueued() -> DroneCommand? {
        if needsResync, queue.first?.command.kind != .urgent {
            if pendingSDKMode == nil, queue.first?.command.kind == .sdkMode { return .sdkMode }
            return reentryOwed ? .sdkMode : DroneCommand.probes[nextProbe]
        }
        return queue.first?.command
    }

    mutating func sendReentry(now: Duration) -> [Action] {
        reentryOwed = false
        slot = .reentry(deadline: now + DroneCommand.sdkMode.timeout)
        lastSent = now
        return [.transmit(DroneCommand.sdkMode.command)]
    }

    /// Sends the next probe in the rotation: its answer's shape differs from
    /// the previous probes', so when it comes, every earlier reply has been
    /// received or lost (replies come in order) and the link is in step.
    mutating func sendProbe(now: Duration) -> [Action] {
        let probe = DroneCommand.probes[nextProbe]
        nextProbe = (nextProbe + 1) % DroneCommand.probes.count
        slot = .probe(probe, deadline: now + probe.timeout)
        lastSent = now
        return [.transmit(probe.command)]
    }
}
