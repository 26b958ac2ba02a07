import Agent
import JSONValue
import Testing

@Suite struct AgentRequestTests {
    @Test func decodesTypeDataAndID() throws {
        let (result, id) = AgentRequest.decode(#"{"type":"drone_command","data":{"action":"takeoff"},"id":7}"#)
        let request = try result.get()
        #expect(request == AgentRequest(type: "drone_command", data: ["action": "takeoff"], id: 7))
        #expect(id == 7)
    }

    @Test func missingOrNullDataIsEmpty() throws {
        #expect(try AgentRequest.decode(#"{"type":"get_status"}"#).result.get().data == [:])
        #expect(try AgentRequest.decode(#"{"type":"get_status","data":null}"#).result.get().data == [:])
    }

    @Test(arguments: [
        ("{not json", AgentRequest.DecodeError.invalidJSON),
        ("", .invalidJSON),
        (#"[1,2]"#, .notAnObject),
        (#""takeoff""#, .notAnObject),
        (#"42"#, .notAnObject),
        (#"{}"#, .missingType),
        (#"{"type":""}"#, .missingType),
        (#"{"type":5}"#, .missingType),
        (#"{"type":"get_status","data":[1]}"#, .dataNotObject),
        (#"{"type":"get_status","data":"x"}"#, .dataNotObject),
    ])
    func rejectsMalformedFrames(text: String, expected: AgentRequest.DecodeError) {
        #expect(throws: expected) { try AgentRequest.decode(text).result.get() }
    }

    @Test func keepsScalarIDEvenWhenTheRestIsMalformed() {
        #expect(AgentRequest.decode(#"{"id":"abc","type":3}"#).id == "abc")
        #expect(AgentRequest.decode(#"{"id":{"deep":1},"type":"get_status"}"#).id == nil)
    }

    @Test func invalidJSONErrorIsTheOriginalsExactMessage() {
        let message = AgentMessage.error(.invalidJSON, .chinese)
        #expect(message.text == #"{"error":"无效的JSON格式","success":false,"type":"error"}"#)
    }

    @Test func responseMergesFieldsAtTopLevelAndEchoesID() {
        let message = AgentMessage.response(to: "get_ai_settings", id: "r1", ["success": true])
        #expect(message.text == #"{"id":"r1","success":true,"type":"get_ai_settings_response"}"#)
        #expect(AgentMessage.response(to: "x", id: nil, [:])["id"] == nil)
    }

    @Test func connectionEstablishedMatchesTheOriginal() {
        #expect(AgentMessage.connectionEstablished(.chinese).text
            == #"{"message":"连接已建立，等待命令...","success":true,"type":"connection_established"}"#)
    }

    @Test func statusHasTheOriginalFieldsAsIntegers() {
        var status = DroneStatus()
        status.connected = true
        status.battery = 87
        let json = AgentMessage.droneStatus(status)
        #expect(json["type"] == "drone_status")
        let data = json["data"]
        for key in ["connected", "flying", "battery", "temperature", "height", "speed", "position", "wifi_signal", "flight_time"] {
            #expect(data?[key] != nil, "missing \(key)")
        }
        #expect(data?["battery"]?.intValue == 87)
        #expect(data?["speed"]?["z"]?.intValue == 0)
    }

    @Test func everyTextHasBothLanguages() {
        let samples: [AgentText] = [.connectionEstablished, .unknownType("x"), .plannedOnly, .actionDone("takeoff")]
        for text in samples {
            #expect(!text.render(.chinese).isEmpty)
            #expect(text.render(.chinese) != text.render(.english))
        }
        #expect(AgentText.unknownType("fly").render(.chinese) == "未知消息类型: fly")
    }

    /// Ids come back byte for byte, whatever a Double would make of them.
    @Test(arguments: ["9007199254740993", "12345678901234567890", "1.0", "-0", "1E+2", "0.1000000000000000055511151231257827", #""a\"b""#, "true"])
    func idsAreEchoedAsWritten(_ id: String) throws {
        let (result, echoed) = AgentRequest.decode(#"{"type":"get_status","id":"# + id + "}")
        let request = try result.get()
        #expect(AgentMessage.response(to: request.type, id: request.id, ["success": true]).text.contains(#""id":"# + id + ","))
        #expect(AgentMessage.error(.invalidJSON, id: echoed, .chinese).text.contains(#""id":"# + id + ","))
    }

    /// A frame that is not quite JSON still gets its id back when the id itself is readable.
    @Test(arguments: [
        (#"{"id":"u1","type":"get_status","data":{"n":1e309}}"#, JSONValue.string("u1")),
        (#"{"type":"x","data":{"s":"\ud800"},"id":9007199254740993}"#, .verbatimNumber("9007199254740993")),
        (#"{"id":"\udc00","type":"x"}"#, .string("\u{FFFD}")),
    ])
    func undecodableFramesKeepAReadableID(_ text: String, _ id: JSONValue) {
        let (result, echoed) = AgentRequest.decode(text)
        #expect(throws: AgentRequest.DecodeError.invalidJSON) { try result.get() }
        #expect(echoed == id)
        if case .verbatimNumber(let text)? = echoed { #expect(text == "9007199254740993") }
    }

    /// An id is for matching replies, not a payload: a long one is refused, not echoed.
    @Test func anOverlongIDIsRefusedAndNotEchoed() {
        let long = String(repeating: "i", count: Echo.limit + 1)
        let (result, echoed) = AgentRequest.decode(#"{"type":"get_status","id":""# + long + #""}"#)
        #expect(throws: AgentRequest.DecodeError.idTooLong) { try result.get() }
        #expect(echoed == nil)
        let digits = String(repeating: "9", count: Echo.limit + 1)
        #expect(throws: AgentRequest.DecodeError.idTooLong) { try AgentRequest.decode(#"{"type":"x","id":"# + digits + "}").result.get() }
        let fine = String(repeating: "i", count: Echo.limit)
        #expect(AgentRequest.decode(#"{"type":"get_status","id":""# + fine + #""}"#).id == .string(fine))
    }

    /// Python's json, the original's parser, keeps the last of repeated keys; so do we.
    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        let request = try AgentRequest.decode(#"{"type":"drone_command","data":{"action":"land","action":"takeoff"},"type":"get_status"}"#).result.get()
        #expect(request.type == "get_status" && request.data["action"] == "takeoff")
    }

    @Test func fieldsOfTheWrongTypeAreNamed() {
        let request = AgentRequest(type: "t", data: ["enabled": "false", "parameters": [50], "on": true, "p": ["d": 1]])
        #expect(request.bool("enabled", default: true) == .failure(.wrongFieldType(field: "data.enabled", expected: .boolean)))
        #expect(request.bool("on", default: true) == .success(true))
        #expect(request.bool("missing", default: true) == .success(true))
        #expect(request.object("parameters") == .failure(.wrongFieldType(field: "data.parameters", expected: .object)))
        #expect(request.object("p") == .success(["d": 1]))
        #expect(request.object("missing") == .success([:]))
        #expect(AgentText.wrongFieldType(field: "data.enabled", expected: .boolean).render(.chinese) == "字段 data.enabled 类型错误：应为布尔值（true 或 false）")
    }
}
