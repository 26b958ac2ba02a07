import Foundation

/// A tiny HTTP/1.1 server and client on Wire, for the interop suite
/// (.ci/interop-http.sh: curl against the server, a Python server against the client)
/// and for trying both by hand.
let usage = """
    usage: wire-http-demo [--host ADDR] [--port N] [--max-connections N]
                          [--header-timeout S] [--idle-timeout S] [--log-level L]
           wire-http-demo fetch URL [--method M] [--data TEXT] [--header "NAME: VALUE"]... [--timeout S]

    Serves, until SIGINT or SIGTERM (then shuts down gracefully):
      GET  /hello        "hello\\n"
      POST /echo, PUT /echo   the request body back
      GET  /headers      the request's header fields, one per line

    --host ADDR            IPv4 address to bind (default 127.0.0.1)
    --port N               port (default 0: pick one); prints "listening on HOST:PORT"
    --max-connections N    connections served at once, 1-100000 (default 256)
    --header-timeout S     seconds to receive a request head before 408, 0.001-86400 (default 10)
    --idle-timeout S       seconds a kept-alive connection may stay idle, 0.001-86400 (default 60)
    --log-level L          trace, debug, info, warning, error (default info; logs go to stderr)

    fetch: one request with Wire's HTTP client (http://IPv4-or-localhost[:port]/...);
    prints the status code on the first line, then the body. Exit 0 on any response,
    3 on timeout (--timeout S, 0.001-86400, default 5: a hard deadline), 4 if refused, 1 otherwise.

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("wire-http-demo: \(message)\n\n\(usage)".utf8))
    exit(2)
}

var arguments = CommandLine.arguments.dropFirst()
if arguments.first == "fetch" {
    exit(await fetch(arguments.dropFirst()))
}
await serve(arguments)
