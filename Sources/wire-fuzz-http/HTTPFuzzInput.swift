import HTTPCodec

/// One fuzz input through the HTTP/1.1 parsers, checking what no peer may break:
/// 1. Resumability: the input fed whole and fed in chunks (sizes derived from
///    the first byte) gives the same requests and the same error.
/// 2. Round trip: every parsed request, serialized and parsed again, comes
///    back with the same method, target, version and body.
/// The response parser gets the same bytes, for crashes and hangs.
/// Small limits make the limit paths reachable by short inputs.
enum HTTPFuzzInput {
    static func run(_ bytes: [UInt8]) {
        let limits = HTTPLimits(maxStartLineLength: 256, maxHeaderCount: 16, maxHeaderBytes: 1024, maxBodySize: 4096)
        let chunk = 1 + Int(bytes.first ?? 0) % 13

        let whole = parseRequests(bytes, chunk: max(bytes.count, 1), limits: limits)
        let split = parseRequests(bytes, chunk: chunk, limits: limits)
        guard whole.requests == split.requests, whole.error == split.error else {
            fatalError("chunking changed the result: whole \(whole) vs chunks of \(chunk) \(split)")
        }
        for request in whole.requests {
            let again = parseRequests(request.serialized(), chunk: chunk, limits: HTTPLimits())
            guard let copy = again.requests.first, again.requests.count == 1, again.error == nil,
                  copy.method == request.method, copy.target == request.target,
                  copy.version == request.version, copy.body == request.body
            else { fatalError("round trip changed \(request) into \(again)") }
        }

        var responses = HTTPResponseParser(limits: limits)
        responses.append(bytes)
        while let response = try? responses.next(requestMethod: chunk == 1 ? "HEAD" : "GET") {
            _ = response.serialized()
        }
        _ = try? responses.finish()
    }

    private static func parseRequests(
        _ bytes: [UInt8], chunk: Int, limits: HTTPLimits
    ) -> (requests: [HTTPRequest], error: HTTPParseError?) {
        var parser = HTTPRequestParser(limits: limits)
        var requests: [HTTPRequest] = []
        var offset = 0
        do {
            while offset < bytes.count {
                let end = min(offset + chunk, bytes.count)
                parser.append(bytes[offset..<end])
                offset = end
                while let request = try parser.next() { requests.append(request) }
            }
            return (requests, nil)
        } catch {
            return (requests, error)
        }
    }
}
