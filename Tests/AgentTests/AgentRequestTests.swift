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
}
