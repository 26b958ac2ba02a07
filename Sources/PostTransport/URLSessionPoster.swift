import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production transport: one POST through URLSession.
///
/// URLSession's `timeoutInterval` is an idle timeout; the client's hard
/// deadline is what bounds a call. Cancelling the calling task cancels the
/// data task.
package struct URLSessionPoster: HTTPPoster {
    private let session: URLSession

    package init(session: URLSession = URLSession(configuration: .ephemeral)) {
        self.session = session
    }

    package func post(to url: URL, headers: [String: String], body: Data) async -> PostOutcome {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let holder = TaskHolder()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<PostOutcome, Never>) in
                let task = session.dataTask(with: request) { @Sendable data, response, error in
                    continuation.resume(returning: Self.outcome(data: data, response: response, error: error))
                }
                holder.set(task)
                task.resume()
            }
        } onCancel: {
            holder.cancel()
        }
    }

    static func outcome(data: Data?, response: URLResponse?, error: (any Error)?) -> PostOutcome {
        if let error {
            let code = (error as NSError).code
            switch code {
            case NSURLErrorCannotConnectToHost: return .refused
            case NSURLErrorTimedOut: return .timedOut
            case NSURLErrorCancelled: return .failed("cancelled")
            default: return .failed(error.localizedDescription)
            }
        }
        guard let http = response as? HTTPURLResponse else { return .failed("no HTTP response") }
        return .response(status: http.statusCode, body: data ?? Data())
    }
}

/// The data task, so a cancellation that arrives from another thread can reach it.
///
/// `@unchecked Sendable`: `task` and `cancelled` are only touched under `lock`.
private final class TaskHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func set(_ t: URLSessionDataTask) {
        let cancelNow = lock.withLock {
            task = t
            return cancelled
        }
        if cancelNow { t.cancel() }
    }

    func cancel() {
        let t: URLSessionDataTask? = lock.withLock {
            cancelled = true
            return task
        }
        t?.cancel()
    }
}
