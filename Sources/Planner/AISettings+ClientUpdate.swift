import JSONValue

extension AISettings {
    /// Applies `update_ai_settings` data: `provider`|`ai_provider`, `model`,
    /// `base_url`|`endpoint`|`azure_endpoint`, `api_key`, `deployment`.
    ///
    /// A new provider starts from its environment defaults; given fields
    /// override. Each field must be a string (or null, or absent: unchanged);
    /// any other type is refused naming the field, never taken as "unset".
    /// A client's URL must pass `endpoints`, and the key follows the URL
    /// (`AIEndpointPolicy`): moving the URL without giving a key in the same
    /// message leaves no key, unless the URL is the environment's endpoint,
    /// whose key is then used. Invalid results are refused and the current
    /// settings stay.
    package func updated(with data: JSONValue, environment: [String: String],
                        endpoints: AIEndpointPolicy = .init()) throws(PlanningError) -> AISettings {
        func field(_ names: String...) throws(PlanningError) -> String? {
            for name in names {
                switch data[name] {
                case nil, .null?: continue
                case .string(let text)?:
                    let trimmed = text.trimmingSpaces
                    if !trimmed.isEmpty { return trimmed }
                case let other?:
                    throw PlanningError("字段 \(name) 必须是字符串，收到：\(Echo.json(other))")
                }
            }
            return nil
        }
        var next = self
        if let name = try field("provider", "ai_provider") {
            guard let provider = AIProvider(name: name) else { throw Self.unknownProvider(name) }
            if provider != self.provider { next = Self.defaults(for: provider, environment) }
        }
        if let model = try field("model") { next.model = model }
        let base = try field("base_url", "endpoint", "azure_endpoint")
        if let base {
            if let why = endpoints.refusal(of: base, environment: environment) {
                throw PlanningError("模型地址 \(RedactedURL.text(base)) 不可用：\(why)")
            }
            next.baseURL = base
        }
        if let key = try field("api_key") {
            next.apiKey = key
        } else if base != nil {
            next.apiKey = AIEndpointPolicy.environmentKey(for: next, environment)
        }
        if let deployment = try field("deployment") {
            next.deployment = deployment
            if next.provider == .azure, try field("model") == nil { next.model = deployment }
        }
        return try next.validated()
    }
}
