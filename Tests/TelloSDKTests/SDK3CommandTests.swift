import TelloSDK
import Testing

@Suite("SDK 3.0 commands and retry tags")
struct SDK3CommandTests {
    @Test(arguments: ["keepalive", "motoron", "motoroff", "setfps middle", "setbitrate 0", "setresolution high", "EXT led 0 0 255"])
    func parsesAndWritesBack(text: String) throws {
        let command = try TelloCommand(parsing: text)
        guard case .sdk3 = command else { Issue.record("\(text) is not SDK 3.0"); return }
        #expect(command.text == text)
        #expect(try TelloCommand(parsing: command.text) == command)
    }

    @Test(arguments: [("setbitrate 6", TelloReply.outOfRange), ("setfps fast", .error(nil)), ("keepalive now", .error(nil)), ("EXT", .error(nil))])
    func badArgumentsGetTheDronesReply(text: String, reply: TelloReply) {
        #expect(throws: TelloCommandError.self) { try TelloCommand(parsing: text) }
        do { _ = try TelloCommand(parsing: text) } catch { #expect(error.droneReply == reply) }
    }

    @Test func retryTagsAreSplitOffAndPutBack() {
        let (tag, command) = RetryTag.split("Re0102 takeoff")
        #expect(tag?.text == "Re0102" && command == "takeoff")
        #expect(tag?.tagging("ok") == "Re0102 ok")
        for text in ["takeoff", "Re01 takeoff", "Re01x2 takeoff", "Report 1"] {
            #expect(RetryTag.split(text).tag == nil && RetryTag.split(text).command == text)
        }
    }
}
