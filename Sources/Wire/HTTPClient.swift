import Clocks
import HTTPCodec
import Sockets

/// Why an HTTP exchange produced no response.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server closed the connection before any response arrived.
    case closedWithoutResponse
    /// The URL is not "http://IPv4-or-localhost[:port]/...".
    case invalidURL(String)

    public var description: String {
        switch self {
        case .closedWithoutResponse: "server closed the connection without a response"
        case .invalidURL(let url): "not a supported http URL: \(url)"
        }
    }
}

/// A minimal HTTP/1.1 client over our TCP: one request per connection
/// ("Connection: close"), with a hard deadline over the whole exchange
/// (connect, send, receive) from a `TimeSource`.
///
/// URLSession's `timeoutInterval` is an idle timeout and burns a core while
/// waiting; this client waits on the reactor and its deadline is absolute.
/// Errors: `DeadlineExceeded`, `SocketError` (`isConnectionRefused` when
/// nobody listens), `HTTPParseError` for a malformed response, `HTTPClientError`.
public enum HTTPClient {
    /// Sends `request` to `address` and returns the final (non-1xx) response.
    /// Adds Host (from `address`) and "Connection: close" unless present.
    public static func send(
        _ request: HTTPRequest, to address: SocketAddress, timeout: Duration,
        time: any TimeSource = SystemTime(), limits: HTTPLimits = .default, reactor: Reactor = .shared
    ) async throws -> HTTPResponse {
        var request = request
        if !request.headers.contains("Host") { request.headers.add("Host", address.description) }
        if !request.headers.contains("Connection") { request.headers.add("Connection", "close") }
        let prepared = request
        return try await withDeadline(time.now + timeout, on: time) {
            let connection = try await TCPConnection.connect(to: address, reactor: reactor)
            defer { connection.close() }
            try await connection.write(prepared.serialized())
            return try await receive(on: connection, method: prepared.method, limits: limits)
        }
    }

    /// Sends `request` over a stream already connected to the server (a simulated
    /// network's), with the same deadline and rules; closes the stream when done.
    /// The caller sets Host; "Connection: close" is added unless present.
    public static func send(
        _ request: HTTPRequest, over stream: any ByteStream, timeout: Duration,
        time: any TimeSource = SystemTime(), limits: HTTPLimits = .default
    ) async throws -> HTTPResponse {
        var request = request
        if !request.headers.contains("Connection") { request.headers.add("Connection", "close") }
        let prepared = request
        defer { stream.close() }
        return try await withDeadline(time.now + timeout, on: time) {
            try await stream.write(prepared.serialized())
            return try await receive(on: stream, method: prepared.method, limits: limits)
        }
    }

    /// Sends `request` to the URL's host with the URL's target and Host.
    public static func send(
        _ request: HTTPRequest, to url: String, timeout: Duration,
        time: any TimeSource = SystemTime(), limits: HTTPLimits = .default, reactor: Reactor = .shared
    ) async throws -> HTTPResponse {
        guard let parsed = HTTPURL(url) else { throw HTTPClientError.invalidURL(url) }
        var request = request
        request.target = parsed.target
        if !request.headers.contains("Host") { request.headers.add("Host", parsed.authority) }
        return try await send(request, to: parsed.address, timeout: timeout, time: time, limits: limits, reactor: reactor)
    }

    private static func receive(on connection: any ByteStream, method: String, limits: HTTPLimits) async throws -> HTTPResponse {
        var parser = HTTPResponseParser(limits: limits)
        while true {
            while let response = try parser.next(requestMethod: method) {
                // Interim responses (100 Continue, 103 Early Hints) precede the real one (RFC 9110 §15.2).
                if !(100..<200).contains(response.status) || response.status == 101 { return response }
            }
            let bytes = try await connection.read()
            if bytes.isEmpty {
                guard let response = try parser.finish() else { throw HTTPClientError.closedWithoutResponse }
                return response
            }
            parser.append(bytes)
        }
    }
}
