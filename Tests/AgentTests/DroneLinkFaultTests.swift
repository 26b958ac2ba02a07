import Agent
import Clocks
import Testing

/// Drives `DroneLinkMachine` against a model drone that loses, delays past
/// the timeout and duplicates replies, on a simulated clock. Each reply
/// datagram remembers which command it answers, so a misattribution is
/// detected exactly rather than inferred.
@Suite struct DroneLinkFaultTests {
    struct Datagram { let at: Duration; let order: Int; let text: String; let answers: String }

    @Test(arguments: 1...32)
    func noReplyIsMisattributedAndNoMoveIsRepeated(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var machine = DroneLinkMachine()
        var inbox: [Datagram] = []
        var order = 0
        var droneFreeAt = Duration.zero
        var transmissions: [String: Int] = [:]
        var commandOf: [DroneLinkMachine.Ticket: String] = [:]
        var completed = 0
        var misattributed: [String] = []

        // The drone runs one command at a time, so replies leave in command
        // order; a command arriving while it is busy is dropped or refused at
        // once with `error`, as a Tello does.
        func drone(_ text: String, at now: Duration) {
            transmissions[text, default: 0] += 1
            guard Double.random(in: 0..<1, using: &random) >= 0.15 else { return }  // command or reply lost
            if now < droneFreeAt {
                if Bool.random(using: &random) {
                    order += 1
                    inbox.append(Datagram(at: now + .milliseconds(5), order: order, text: "error", answers: text))
                }
                return
            }
            let moves = text.hasPrefix("forward") || text.hasPrefix("cw")
            var replyAt = now + (moves ? .milliseconds(Int64.random(in: 300...3000, using: &random)) : .milliseconds(20))
            if Double.random(in: 0..<1, using: &random) < 0.15 { replyAt += .seconds(Int64.random(in: 8...20, using: &random)) }  // late
            droneFreeAt = replyAt
            let reply = probeAnswer(text) ?? (text.hasSuffix("?") ? "87" : "ok")
            order += 1
            inbox.append(Datagram(at: replyAt, order: order, text: reply, answers: text))
            // A duplicate right behind the original, within Wi-Fi jitter: inside the
            // reply guard (a later duplicate `ok` is the documented limit, see DroneLinkMachine).
            if Double.random(in: 0..<1, using: &random) < 0.15 {
                order += 1
                inbox.append(Datagram(at: replyAt + .milliseconds(Int64.random(in: 0...40, using: &random)), order: order, text: reply, answers: text))
            }
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
        var now = Duration.zero
        for _ in 0..<10_000 where completed < commands.count {
            inbox.sort { ($0.at, $0.order) < ($1.at, $1.order) }
            let nextDatagram = inbox.first?.at
            guard let next = [nextDatagram, machine.nextDeadline].compactMap({ $0 }).min() else { break }
            now = max(now, next)
            if let datagram = inbox.first, datagram.at <= now {
                inbox.removeFirst()
                perform(machine.received(datagram.text, now: now), now: now, delivered: datagram)
            } else {
                perform(machine.tick(now: now), now: now, delivered: nil)
            }
        }
        #expect(completed == commands.count, "every command gets an outcome")
        #expect(misattributed.isEmpty)
        for (text, count) in transmissions where !text.hasSuffix("?") {
            #expect(count == 1, "\(text) sent \(count) times")
        }
    }
}
