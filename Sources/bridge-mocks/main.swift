// bridge-mocks: the 3002 backend mock and the LLM mock as standalone servers,
// for trying the agent by hand or from scripts. Tests and scenarios use the
// same mocks in-process (Bridge3002.Backend3002Mock, Planner.LLMMock). Here the log is the
// record: the mocks keep no request in memory, since they may serve for hours.
import Bridge3002
import Bridge3002Mocks
import CommandLineFlags
import Dispatch
import Foundation
import Logs
import Planner
import PlannerMocks

let usage = """
    usage: bridge-mocks backend3002 [--port N] [--status N] [--body TEXT] [--delay-ms N] [--hang | --close | --reset] [--log-level L]
           bridge-mocks llm [--port N] [--reply TEXT] [--delay-ms N] [--log-level L]

      backend3002  answers POST /api/ai-analysis on 127.0.0.1 (default port 3002, the real backend's)
                   with --status/--body (default 200 {"success":true,...}), after --delay-ms,
                   or never (--hang), or closes (--close) / resets (--reset) without a reply.
                   Every request is logged with its idempotency key.
      llm          answers OpenAI (/v1/chat/completions), Azure (/openai/deployments/D/chat/completions)
                   and Ollama (/api/chat, /api/generate) requests (default port 0 = pick one).
                   The model text is --reply TEXT, or by default the offline planner's plan of the order.

    --port 0-65535 (0 picks a free port), --status 100-599, --delay-ms 0-600000; a value out of
    range is refused with exit 2. Prints "listening on 127.0.0.1:PORT" once serving; stops on SIGINT/SIGTERM.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bridge-mocks: \(message)\n\n\(usage)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
if args.isEmpty || args.contains("--help") || args.contains("-h") {
    print(usage)
    exit(args.isEmpty ? 2 : 0)
}
let mode = args.removeFirst()
var options: [String: String] = [:]
var flags: Set<String> = []
while !args.isEmpty {
    let arg = args.removeFirst()
    switch arg {
    case "--hang", "--close", "--reset": flags.insert(arg)
    case "--port", "--status", "--body", "--delay-ms", "--reply", "--log-level":
        guard !args.isEmpty else { fail("\(arg) needs a value") }
        options[arg] = args.removeFirst()
    default: fail("unknown argument \(arg)")
    }
}
/// A flag's value within its documented range, or exit 2 naming it.
@MainActor func number<Value: FixedWidthInteger>(_ name: String, default value: Value, in range: ClosedRange<Value>) -> Value {
    guard let text = options[name] else { return value }
    do { return try BoundedNumber.integer(text, flag: name, in: range) } catch { fail(error.message) }
}
@MainActor func listenPort(default value: UInt16) -> UInt16 {
    guard let text = options["--port"] else { return value }
    do { return try BoundedNumber.port(text, flag: "--port") } catch { fail(error.message) }
}
guard let level = LogLevel(name: options["--log-level"] ?? "info") else { fail("unknown log level \(options["--log-level"] ?? "")") }
let delay = Duration.milliseconds(number("--delay-ms", default: 0, in: 0...600_000))

func announce(_ port: UInt16) {
    FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(port)\n".utf8))
}

/// Returns once SIGINT or SIGTERM arrives.
func waitForStopSignal() async {
    let (signals, arrived) = AsyncStream<Void>.makeStream()
    let sources = [SIGINT, SIGTERM].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler { @Sendable in arrived.yield() }
        source.resume()
        return source
    }
    for await _ in signals { break }
    for source in sources { source.cancel() }
}

/// Starts a mock (exit 2 if it cannot listen), scripts it, prints the
/// listening line, and serves until SIGINT/SIGTERM.
func serve<Mock>(
    _ start: @autoclosure () throws -> Mock, _ configure: (Mock) -> (port: UInt16, stop: @Sendable () async -> Void)
) async {
    let mock: Mock
    do {
        mock = try start()
    } catch {
        fail("cannot listen: \(error)")
    }
    let (port, stop) = configure(mock)
    announce(port)
    await waitForStopSignal()
    await stop()
}

switch mode {
case "backend3002":
    let logger = Logger(component: "backend3002-mock", minimumLevel: level)
    let behaviour: Backend3002Mock.Behaviour
    let status = number("--status", default: 200, in: 100...599)
    let body = options["--body"] ?? #"{"success":true,"message":"analysis received"}"#
    if flags.contains("--hang") {
        behaviour = .hang
    } else if flags.contains("--close") {
        behaviour = .close
    } else if flags.contains("--reset") {
        behaviour = .reset
    } else if delay > .zero {
        behaviour = .delayed(delay, status: status, body: body)
    } else {
        behaviour = .respond(status: status, body: body)
    }
    let port = listenPort(default: 3002)
    await serve(try Backend3002Mock(port: port, logger: logger, keepingRequests: 0)) { mock in
        mock.script([], then: behaviour)
        return (mock.port, mock.shutdown)
    }
case "llm":
    let logger = Logger(component: "llm-mock", minimumLevel: level)
    let reply: LLMMock.Reply = options["--reply"].map { delay > .zero ? .delayed(delay, $0) : .content($0) } ?? .offlinePlan
    let port = listenPort(default: 0)
    await serve(try LLMMock(port: port, logger: logger, keepingRequests: 0)) { mock in
        mock.script([], then: reply)
        return (mock.port, mock.shutdown)
    }
default:
    fail("unknown mode \(mode)")
}
