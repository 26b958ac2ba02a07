import Agent
import Clocks
import Testing

/// Drives `DroneLinkMachine` against a model drone that loses, delays past
/// the timeout and duplicates replies, on a simulated clock, and answers as
/// real drones do: anything but `stop` during a motion `error Not joystick`
/// (reads included), the move that `stop` cuts short `forced stop`,
/// read replies with CR LF and now and then NUL padding. Each reply datagram
/// remembers which command it answers, so a misattribution is detected
/// exactly rather than inferred.
@Suite struct DroneLinkFaultTests {
    struct Datagram { let at: Duration; let order: Int; let text: String; let answers: String }

    @Test(arguments: 1...1000)
    func noReplyIsMisattributedAndNoMoveIsRepeated(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var machine = DroneLinkMachine()
        var inbox: [Datagram] = []
        var order = 0
        var droneFreeAt = Duration.zero
        /// The motion the drone is flying and the order numbers of its scheduled replies.
        var running: (text: String, orders: [Int])?
        var transmissions: [String: Int] = [:]
        var commandOf: [DroneLinkMachine.Ticket: String] = [:]
        var completed = 0
        var misattributed: [String] = []
        var discards: [DroneLinkMachine.DiscardReason: Int] = [:]

        func send(_ text: String, at: Duration, answers: String) {
            order += 1
            inbox.append(Datagram(at: at, order: order, text: text, answers: answers))
        }
        // The drone runs one motion at a time, so replies leave in command order.
        func drone(_ text: String, at now: Duration) {
            transmissions[text, default: 0] += 1
            guard Double.random(in: 0..<1, using: &random) >= 0.15 else { return }  // command or reply lost
            if now < droneFreeAt {
                if text == "stop", let motion = running {
                    inbox.removeAll { motion.orders.contains($0.order) }
                    send("forced stop", at: now + .milliseconds(5), answers: motion.text)
                    send("ok", at: now + .milliseconds(10), answers: text)
                    droneFreeAt = now
                    running = nil
                } else {
                    send("error Not joystick", at: now + .milliseconds(5), answers: text)
                }
                return
            }
            if text.hasSuffix("?") {
                let padding = Bool.random(using: &random) ? "\r\n" : "\r\n\0\0"
                send((probeAnswer(text) ?? "87") + padding, at: now + .milliseconds(20), answers: text)
                return
            }
            if text == "stop" {  // nothing to stop: hover, answered at once
                send("ok", at: now + .milliseconds(10), answers: text)
                return
            }
            var replyAt = now + .milliseconds(Int64.random(in: 300...3000, using: &random))
            if Double.random(in: 0..<1, using: &random) < 0.15 { replyAt += .seconds(Int64.random(in: 8...20, using: &random)) }  // late
            droneFreeAt = replyAt
            send("ok", at: replyAt, answers: text)
            var orders = [order]
            // A duplicate right behind the original, within Wi-Fi jitter: inside the
            // reply guard (a later duplicate `ok` is the documented limit, see DroneLinkMachine).
            if Double.random(in: 0..<1, using: &random) < 0.15 {
                send("ok", at: replyAt + .milliseconds(Int64.random(in: 0...40, using: &random)), answers: text)
                orders.append(order)
            }
            running = (text, orders)
        }
        func perform(_ actions: [DroneLinkMachine.Action], now: Duration, delivered: Datagram?) {
            for action in actions {
                switch action {
                case .transmit(let command): drone(command.text, at: now)
                case .complete(let ticket, let outcome):
                    completed += 1
                    if case .reply = outcome, delivered?.answers != commandOf[ticket] {
                        misattributed.append("\(commandOf[ticket] ?? "?") got reply to \(delivered?.answers ?? "nothing")")
                    }
                case .discard(_, let reason): discards[reason, default: 0] += 1
                default: break
                }
            }
        }

        let commands = (0..<30).map { i in
            i % 4 == 3 ? DroneCommand(.read(.battery))
                : DroneCommand(i % 2 == 0 ? .move(.forward, centimeters: 20 + i) : .rotate(.clockwise, degrees: 1 + i), timeout: .seconds(7))
        }
        for command in commands {
            let (ticket, actions) = machine.submit(command, now: .zero)
            commandOf[ticket] = command.text
            perform(actions, now: .zero, delivered: nil)
        }
        // Once in a flight, `stop` while the drone may be moving.
        let stopAt = Duration.seconds(Int64.random(in: 5...60, using: &random))
        var stopped = false
        var now = Duration.zero
        for _ in 0..<20_000 where completed < commands.count + (stopped ? 1 : 0) {
            inbox.sort { ($0.at, $0.order) < ($1.at, $1.order) }
            let nextDatagram = inbox.first?.at
            guard let next = [nextDatagram, machine.nextDeadline, stopped ? nil : stopAt].compactMap({ $0 }).min() else { break }
            now = max(now, next)
            if !stopped, now >= stopAt {
                stopped = true
                let (ticket, actions) = machine.submit(.stop, now: now)
                commandOf[ticket] = "stop"
                perform(actions, now: now, delivered: nil)
            } else if let datagram = inbox.first, datagram.at <= now {
                inbox.removeFirst()
                perform(machine.received(datagram.text, now: now), now: now, delivered: datagram)
            } else {
                perform(machine.tick(now: now), now: now, delivered: nil)
            }
        }
        #expect(completed == commands.count + (stopped ? 1 : 0), "every command gets an outcome")
        #expect(misattributed.isEmpty)
        for (text, count) in transmissions where !text.hasSuffix("?") {
            #expect(count == 1, "\(text) sent \(count) times")
        }
    }
}
