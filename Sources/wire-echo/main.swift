import CommandLineFlags
import Glibc
import Logs
import Sockets
import WebSocketCodec

// wire-echo: a WebSocket echo server (default), a scriptable client, and an
// echo benchmark client. Argument parsing and wiring only; see Sources/Wire.

let usage = """
    wire-echo: RFC 6455 WebSocket echo server and test client (module Wire).

    USAGE
      wire-echo [--host ADDR] [--port N] [--max-message BYTES] [--log-level L] [--handlers reactor|pool]
                [--echo callback|receive]
          Echo every text/binary message back. Prints `listening on HOST:PORT`
          once accepting. Defaults: 127.0.0.1, port 9001, 10 MiB messages, info.
          --handlers reactor (default): each connection's echo runs on the
          reactor thread that reads its socket; pool: on the cooperative pool.
          --echo callback (default): the connection's loop hands each message to
          the echo as it parses it (endpoint: .messages, no task of its own);
          receive: a handler task waits in receive() for each message.
          SIGINT/SIGTERM: stop accepting, close every connection with 1001, exit.
      wire-echo client URL
          Connect to URL (ws://HOST:PORT/PATH) and run commands from stdin, one per line:
            text STRING     send a text message
            binary N        send N bytes (byte i = i mod 251)
            recv            wait for the next message and print it
            close CODE [R]  start the close handshake
            abort           drop the TCP connection without a close frame
            wait            (or end of input) print messages until the connection is over
          A message prints as `text LEN SHA1PREFIX [TEXT if <= 64 bytes]` or
          `binary LEN SHA1PREFIX`; the end as `closed INITIATOR CODE CLASS REASON`.
      wire-echo autobahn URL [--agent NAME]
          Run every case of an Autobahn fuzzingserver at URL (ws://HOST:PORT) as an
          echo client, then ask it to write its report. Default agent: wire.
      wire-echo bench URL [--connections N] [--messages M] [--size BYTES]
          Each of N connections sends M messages one at a time and waits for the
          echo; prints throughput (messages/s) and round-trip p50/p99 in microseconds.
          Defaults: 1 connection, 10000 messages, 64 bytes.

    RANGES (a value outside is refused with exit 2)
      --port 0-65535, --max-message 1-1073741824, --connections 1-10000,
      --messages 1-100000000, --size 0-10485760.

    OPTIONS
      -h, --help   Show this help.

    """

func fail(_ message: String) -> Never {
    StandardStreams.error("wire-echo: \(message)\n(see wire-echo --help)\n")
    exit(2)
}

/// `--name value` pairs after the positional arguments.
func options(_ arguments: ArraySlice<String>, allowed: Set<String>) -> [String: String] {
    var result: [String: String] = [:]
    var index = arguments.startIndex
    while index < arguments.endIndex {
        let name = arguments[index]
        guard allowed.contains(name) else { fail("unknown option \(name)") }
        guard index + 1 < arguments.endIndex else { fail("\(name) needs a value") }
        result[name] = arguments[index + 1]
        index += 2
    }
    return result
}

/// A whole-number option within its range (the usage text gives each), or exit 2 naming it.
func intOption(_ options: [String: String], _ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
    guard let text = options[name] else { return value }
    do { return try BoundedNumber.integer(text, flag: name, in: range) } catch { fail(error.message) }
}

/// The value named by a word option (`--handlers reactor`), or exit 2 listing the words it takes.
func choice<Value>(_ options: [String: String], _ name: String, default word: String, _ values: KeyValuePairs<String, Value>) -> Value {
    let given = options[name] ?? word
    guard let value = values.first(where: { $0.key == given })?.value else {
        fail("\(name) must be \(values.map(\.key).joined(separator: " or "))")
    }
    return value
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("-h") || arguments.contains("--help") {
    StandardStreams.out(usage)
    exit(0)
}
signal(SIGPIPE, SIG_IGN)

switch arguments.first {
case "client":
    guard arguments.count == 2 else { fail("client needs exactly one URL") }
    exit(await ScriptedClient.run(url: arguments[1]))
case "autobahn":
    guard arguments.count >= 2 else { fail("autobahn needs the fuzzingserver URL") }
    let opts = options(arguments.dropFirst(2), allowed: ["--agent"])
    exit(await AutobahnClient.run(base: arguments[1], agent: opts["--agent"] ?? "wire"))
case "bench":
    guard arguments.count >= 2 else { fail("bench needs a URL") }
    let opts = options(arguments.dropFirst(2), allowed: ["--connections", "--messages", "--size"])
    exit(await EchoBenchmark.run(
        url: arguments[1], connections: intOption(opts, "--connections", default: 1, in: 1...10_000),
        messages: intOption(opts, "--messages", default: 10_000, in: 1...100_000_000),
        size: intOption(opts, "--size", default: 64, in: 0...WebSocketMessageAssembler.defaultMaxMessageSize)))
default:
    let opts = options(arguments[...], allowed: ["--host", "--port", "--max-message", "--log-level", "--handlers", "--echo"])
    let port = intOption(opts, "--port", default: 9001, in: 0...65535)
    guard let address = SocketAddress(host: opts["--host"] ?? "127.0.0.1", port: UInt16(port)) else {
        fail("--host must be an IPv4 address or localhost")
    }
    guard let level = LogLevel(name: opts["--log-level"] ?? "info") else { fail("unknown --log-level") }
    let maxMessage = intOption(opts, "--max-message", default: WebSocketMessageAssembler.defaultMaxMessageSize, in: 1...(1 << 30))
    let onReactor = choice(opts, "--handlers", default: "reactor", ["reactor": true, "pool": false])
    let receiveLoop = choice(opts, "--echo", default: "callback", ["callback": false, "receive": true])
    await EchoServer.run(on: address, maxMessage: maxMessage, handlersOnReactor: onReactor, receiveLoop: receiveLoop,
                         logger: Logger(component: "wire-echo", minimumLevel: level))
}
