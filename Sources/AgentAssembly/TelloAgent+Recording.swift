import Agent
import Clocks
import FlightRecord
import Foundation
import JSONValue
import Logs
import Planner
import PostTransport

extension TelloAgent {
    /// The recording's header `options`: what shaped the session and no secret
    /// (whether a token is required, never the token).
    static func recordedOptions(_ options: AgentOptions, settings: AISettings) -> [String: JSONValue] {
        var recorded: [String: JSONValue] = [
            "step_pause": .string("\(options.stepPause.milliseconds)ms"),
            "status_interval": .string("\(options.statusInterval.milliseconds)ms"),
            "language": .string(options.language.rawValue),
            "token_required": .bool(options.token != nil),
            "allowed_origins": .array(options.allowedOrigins.map { .string($0) }),
            "preflight": .string(options.preflight.rawValue),
            "confirm_plans": .bool(options.confirmPlans),
            "ai_provider": .string(settings.provider.rawValue),
            "ai_model": .string(settings.model),
            "time_scale": .number(options.timeScale),
            "max_bytes": .number(Double(options.recordMaxBytes)),
        ]
        if options.drone == .simulator {
            recorded["sim_model"] = .string(options.simulatorModel.rawValue)
            recorded["sim_exact"] = .bool(options.simulatorExact)
        }
        return recorded
    }

    /// Values the recording must never contain: the agent's token and the AI keys of the environment.
    static func secrets(_ options: AgentOptions, environment: [String: String]) -> [String] {
        [options.token, environment["OPENAI_API_KEY"], environment["AZURE_OPENAI_KEY"]].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// The poster the bridge or a planner would use for `url`, recording each exchange.
    /// `inner`: how exchanges travel when not by the endpoint's default (an injected network).
    static func recordingPoster(for url: URL, peer: RecordingPoster.Peer, recorder: any RecordSink, time: any TimeSource,
                                inner: (any HTTPPoster)? = nil, counter: ExchangeCounter = ExchangeCounter()) -> any HTTPPoster {
        RecordingPoster(inner: inner ?? defaultPoster(for: url, time: time), peer: peer, recorder: recorder, counter: counter)
    }

    /// How the planner choice builds planners: as usual, or with every model exchange recorded.
    /// `inner`: how model requests travel when not by each endpoint's default (an injected network).
    static func recordingPlanners(_ recorder: (any RecordSink)?, inner: (any HTTPPoster)? = nil)
        -> @Sendable (AISettings, any TimeSource, Logger) -> any Planner
    {
        guard let recorder else { return { $0.makePlanner(transport: inner, time: $1, logger: $2) } }
        let counter = ExchangeCounter()
        return { settings, time, logger in
            guard settings.provider != .offline, let url = URL(string: settings.baseURL) else {
                return settings.makePlanner(transport: inner, time: time, logger: logger)
            }
            let poster = recordingPoster(for: url, peer: .llm(provider: settings.provider.rawValue), recorder: recorder, time: time,
                                         inner: inner, counter: counter)
            return settings.makePlanner(transport: poster, time: time, logger: logger)
        }
    }
}
