import Clocks

extension ScenarioClock {
    /// Runs `work` to its end while making time pass for it: in virtual
    /// time nothing else moves the clock once the steps are over, so a
    /// shutdown that lands the drone or waits out a close handshake would
    /// wait for ever. Each turn lets the system settle, then wakes the next
    /// timer, until `work` returns. The clock is moved at most `budget`
    /// forward; work that needs more is left waiting, and the stall watch
    /// reports it.
    func drive(
        budget: Duration, settle: @escaping @Sendable () async -> Void, _ work: @escaping @Sendable () async -> Void
    ) async {
        guard let virtual else {
            await work()
            return
        }
        let finished = Flag()
        let deadline = virtual.now + budget
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await work()
                finished.set()
            }
            while !finished.isSet, !Task.isCancelled {
                await settle()
                guard !finished.isSet else { break }
                guard let next = virtual.nextDeadline else {
                    // In memory, idle with no timer means the work waits for something
                    // nobody will send: it never ends, and the stall watch says so.
                    if executor != nil { break }
                    // Nobody waits on the clock: the work waits on a socket, so
                    // there is nothing to wake; look again shortly.
                    try? await Task.sleep(for: .milliseconds(1))
                    continue
                }
                guard next <= deadline else { break }
                virtual.advance(to: next)
            }
            await group.waitForAll()
        }
    }
}
