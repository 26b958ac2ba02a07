import CommandLineFlags
import Foundation
import HTTPCodec
import Sockets
import Wire

/// `wire-http-demo fetch URL ...`: one request through `HTTPClient`; returns the exit status.
func fetch(_ arguments: ArraySlice<String>) async -> Int32 {
    var arguments = arguments
    var url: String?
    var request = HTTPRequest()
    var timeout = 5.0
    while let argument = arguments.popFirst() {
        guard argument.hasPrefix("--") else {
            guard url == nil else { fail("fetch takes one URL") }
            url = argument
            continue
        }
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
        switch argument {
        case "--method":
            request.method = value
        case "--data":
            request.body = Array(value.utf8)
            if request.method == "GET" { request.method = "POST" }
        case "--header":
            guard let colon = value.firstIndex(of: ":") else { fail("--header wants \"NAME: VALUE\", got \(value)") }
            request.headers.add(String(value[..<colon]), String(value[value.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        case "--timeout":
            do { timeout = try BoundedNumber.decimal(value, flag: argument, in: 0.001...86_400) } catch { fail(error.message) }
        default:
            fail("unknown fetch option \(argument)")
        }
    }
    guard let url else { fail("fetch needs a URL") }
    do {
        let response = try await HTTPClient.send(request, to: url, timeout: .milliseconds(Int64(timeout * 1000)))
        FileHandle.standardOutput.write(Data("\(response.status)\n".utf8) + Data(response.body))
        return 0
    } catch is DeadlineExceeded {
        FileHandle.standardError.write(Data("wire-http-demo: no response within \(timeout) s\n".utf8))
        return 3
    } catch let error as SocketError where error.isConnectionRefused {
        FileHandle.standardError.write(Data("wire-http-demo: connection refused by \(url)\n".utf8))
        return 4
    } catch {
        FileHandle.standardError.write(Data("wire-http-demo: \(error)\n".utf8))
        return 1
    }
}
