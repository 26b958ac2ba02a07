import Clocks
import Foundation
import JSONValue
import Logs
import PostTransport

/// Plans with a language model: OpenAI-compatible, Azure OpenAI or Ollama,
/// as `settings.provider` says.
///
/// Each call has a hard deadline on the injected clock (models are slow;
/// URLSession's own timeout is only an idle timeout). A busy or failing
/// server (429, 5xx, a dropped connection) is retried once after
/// `retryDelay`; a server that is not running or too slow is reported at
/// once, since retrying would only make the user wait twice. Ollama is
/// asked through `/api/chat` and, when that is missing (404, servers before
/// 0.1.14) or keeps failing, once through `/api/generate`.
package struct LLMPlanner: Planner {
    package let settings: AISettings
    private let transport: any HTTPPoster
    private let time: any TimeSource
    private let logger: Logger
    package let deadline: Duration
    package let retryDelay: Duration

    /// How long an order waits for the model's reply (retries included) before it is refused.
    package static let defaultDeadline: Duration = .seconds(30)

    /// Without a `transport`, plain http endpoints (local Ollama, mocks) use
    /// `WireHTTPPoster` and https ones `URLSessionPoster`.
    package init(
        settings: AISettings, transport: (any HTTPPoster)? = nil, time: any TimeSource = SystemTime(),
        logger: Logger = Logger(component: "planner"), deadline: Duration = LLMPlanner.defaultDeadline, retryDelay: Duration = .milliseconds(500)
    ) {
        self.settings = settings
        self.transport = transport ?? URL(string: settings.baseURL).map { defaultPoster(for: $0, time: time) } ?? URLSessionPoster()
        self.time = time
        self.logger = logger
        self.deadline = deadline
        self.retryDelay = retryDelay
    }

    package func plan(_ order: String) async throws(PlanningError) -> Plan {
        switch settings.provider {
        case .offline:
            return try await OfflinePlanner().plan(order)
        case .openai:
            return try await ask(.openAIChat, order)
        case .azure:
            return try await ask(.azureChat, order)
        case .ollama:
            do {
                return try await exchange(.ollamaChat, order)
            } catch let failure where failure.worthFallback {
                logger.warning("ollama /api/chat failed, trying /api/generate", ("reason", failure.error.message))
                return try await ask(.ollamaGenerate, order)
            } catch {
                throw error.error
            }
        }
    }

    /// A failed exchange, and whether another Ollama endpoint might do better.
    private struct EndpointFailure: Error {
        let error: PlanningError
        var worthFallback = false
    }

    private func ask(_ format: LLMRequest.Format, _ order: String) async throws(PlanningError) -> Plan {
        do {
            return try await exchange(format, order)
        } catch {
            throw error.error
        }
    }

    /// `body`'s planning error as a failure not worth a fallback.
    private func final<T>(_ body: () throws(PlanningError) -> T) throws(EndpointFailure) -> T {
        do { return try body() } catch { throw EndpointFailure(error: error) }
    }

    private func exchange(_ format: LLMRequest.Format, _ order: String) async throws(EndpointFailure) -> Plan {
        let request = try final { () throws(PlanningError) in try LLMRequest.make(format, settings: settings, order: order) }
        let (transport, url, headers, body) = (self.transport, request.url, request.headers, request.body.encoded())
        let started = time.now
        var attempt = 0
        while true {
            attempt += 1
            let outcome =
                await withHardDeadline(time.now + deadline, on: time) {
                    await transport.post(to: url, headers: headers, body: body)
                } ?? .timedOut
            let problem: String
            switch outcome {
            case .response(let status, let reply) where (200..<300).contains(status):
                let plan = try final { () throws(PlanningError) in
                    try PlanExtraction.plan(from: try LLMRequest.content(of: reply, format: format))
                }
                logger.info(
                    "planned with model", ("provider", settings.provider.rawValue), ("model", settings.model), ("format", format.rawValue),
                    ("steps", plan.commands.count), ("elapsed_ms", (time.now - started).milliseconds))
                return plan
            case .response(404, let reply):
                throw EndpointFailure(error: PlanningError("模型服务找不到接口（\(Self.describe(404, reply))）：\(RedactedURL.text(url.absoluteString))"), worthFallback: true)
            case .response(let status, let reply) where status == 429 || status >= 500:
                problem = Self.describe(status, reply)
            case .response(let status, let reply):
                throw EndpointFailure(error: PlanningError("模型服务拒绝了请求（\(Self.describe(status, reply))）"))
            case .refused:
                throw EndpointFailure(error: PlanningError("无法连接到\(settings.provider.rawValue)模型服务（\(RedactedURL.text(settings.baseURL))），请确认服务已启动"))
            case .timedOut:
                throw EndpointFailure(error: PlanningError("模型在\(Quantity.format(deadline.seconds))秒内没有回复"))
            case .failed(let reason):
                problem = reason
            }
            guard attempt == 1 else {
                throw EndpointFailure(error: PlanningError("模型服务出错（\(problem)）：\(RedactedURL.text(url.absoluteString))"), worthFallback: true)
            }
            logger.warning("model endpoint failed, retrying once", ("error", problem), ("url", RedactedURL.text(url.absoluteString)))
            do { try await time.sleep(for: retryDelay) } catch { throw EndpointFailure(error: PlanningError("规划已取消")) }
        }
    }

    /// `HTTP 401: <the provider's message>` for errors the user sees.
    static func describe(_ status: Int, _ body: Data) -> String {
        guard let json = try? JSONValue(parsing: body),
            let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue
        else { return "HTTP \(status)" }
        return "HTTP \(status): \(message)"
    }
}
