import JSONValue

extension AgentServer {
    /// `start_video` (true) and `stop_video` (false); nil for any other request.
    static func videoSwitch(_ request: AgentRequest) -> Bool? {
        switch request.type {
        case "start_video": true
        case "stop_video": false
        default: nil
        }
    }

    static func videoKey(_ session: AgentSession) -> String { "ws-\(session.id)" }

    /// The client becomes a viewer (or stops being one); the response is the
    /// one the original gave, so clients that only switch the stream see no change.
    func videoResponse(_ request: AgentRequest, on: Bool, video: VideoService, session: AgentSession) async -> JSONValue {
        let key = Self.videoKey(session)
        let result = on ? await video.start(WebSocketVideoViewer(session.connection), key: key) : await video.stop(key: key)
        var fields = result.fields(router.language)
        fields["action"] = nil
        return AgentMessage.response(to: request.type, id: request.id, fields)
    }
}
