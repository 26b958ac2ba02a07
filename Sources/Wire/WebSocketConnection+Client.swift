import Clocks
import Logs
import Sockets
import WebSocketCodec

/// Why `WebSocketConnection.connect` did not produce a connection.
public enum WebSocketConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Only `ws://HOST[:PORT][/PATH]` with an IPv4 address or localhost (no TLS here).
    case invalidURL(String)
    case connectFailed(String)
    case timedOut
    case malformedResponse(String)
    case handshake(WebSocketClientHandshakeError)

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid WebSocket URL \(url) (expected ws://HOST:PORT/PATH)"
        case .connectFailed(let why): "cannot connect to \(why)"
        case .timedOut: "no handshake response in time"
        case .malformedResponse(let why): "malformed handshake response: \(why)"
        case .handshake(let error): "handshake refused: \(error)"
        }
    }
}

extension WebSocketConnection {
    /// Connects to `url` (`ws://127.0.0.1:3004/`), performs the client
    /// handshake (RFC 6455 section 4.1, fresh random key, accept checked)
    /// and returns the open connection. `random` draws the handshake key and
    /// every frame's masking key: the system's by default; a seeded one
    /// (`SeededRandom`) makes the bytes sent the same every run.
    public static func connect(
        to url: String,
        headers: [String: String] = [:],
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        handshakeTimeout: Duration = WebSocketHandshake.defaultTimeout,
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) async throws(WebSocketConnectError) -> WebSocketConnection {
        guard let (address, _, _) = parse(url) else { throw .invalidURL(url) }
        let tcp: TCPConnection
        do {
            tcp = try await TCPConnection.connect(to: address)
        } catch {
            throw .connectFailed("\(address): \(error)")
        }
        return try await connect(to: url, over: tcp, headers: headers, configuration: configuration, time: time,
                                 logger: logger, handshakeTimeout: handshakeTimeout, random: random)
    }

    /// Performs the client handshake for `url` over a stream already connected to
    /// its host (a simulated network's, or one of `MemoryByteStream.pair`). The
    /// stream is closed when the handshake fails. `random` as above.
    public static func connect(
        to url: String,
        over stream: any ByteStream,
        headers: [String: String] = [:],
        configuration: WebSocketConfiguration = .init(),
        time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "websocket"),
        handshakeTimeout: Duration = WebSocketHandshake.defaultTimeout,
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) async throws(WebSocketConnectError) -> WebSocketConnection {
        guard let (address, hostHeader, path) = parse(url) else {
            stream.close()
            throw .invalidURL(url)
        }
        var random = InjectedRandom(random)
        let handshake = WebSocketClientHandshake(host: hostHeader, path: path, extraHeaders: headers, using: &random)
        do {
            try await stream.write(handshake.requestHead)
            let (head, rest) = try await WebSocketHandshake.readHead(
                from: stream, time: time, timeout: handshakeTimeout, reader: { WebSocketHandshake.ResponseReader() })
            do {
                try handshake.validate(status: head.status, headers: head.headers.map { ($0.name, $0.value) })
            } catch {
                throw WebSocketConnectError.handshake(error)
            }
            let connection = WebSocketConnection(stream: stream, role: .client, configuration: configuration, time: time, logger: logger,
                                                 random: random.source)
            connection.start(initialBytes: rest)
            return connection
        } catch {
            stream.close()
            switch error {
            case let error as WebSocketConnectError: throw error
            case WebSocketHandshake.HeadReadError.timedOut: throw .timedOut
            case WebSocketHandshake.HeadReadError.invalid(_, let why): throw .malformedResponse(why)
            case WebSocketHandshake.HeadReadError.disconnected(let why):
                throw .connectFailed("\(address): server left during the handshake (\(why))")
            default: throw .connectFailed("\(address): \(error)")
            }
        }
    }

    /// `ws://host[:port][/path]` -> address, Host header, path.
    static func parse(_ url: String) -> (SocketAddress, String, String)? {
        guard url.lowercased().hasPrefix("ws://") else { return nil }
        let rest = url.dropFirst(5)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var path = String(rest.dropFirst(authority.count))
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty else { return nil }
        let port = parts.count == 2 ? UInt16(parts[1]) : 80
        guard let port, let address = SocketAddress(host: String(host), port: port) else { return nil }
        return (address, String(authority), path)
    }
}
