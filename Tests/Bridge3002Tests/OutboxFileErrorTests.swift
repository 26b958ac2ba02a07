import Clocks
import Foundation
import PostTransport
import PostTransportMocks
import Testing

@testable import Bridge3002

/// A damaged `--outbox` file stops start-up with a message that names the
/// file, says what is wrong and where, and what to do; the file is kept.
@Suite struct OutboxFileErrorTests {
    /// Start-up's error for a file holding `text`, after checking the file was left alone.
    func startupError(for text: String) throws -> String {
        let path = temporaryPath("damaged.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var message = ""
        do {
            _ = try Bridge3002Client.make(transport: ScriptedPoster([], then: .outcome(.refused), time: VirtualTime()), time: RecordingTime(), outboxPath: path)
            Issue.record("a damaged outbox file was accepted")
        } catch {
            message = "\(error)".replacingOccurrences(of: path, with: "PATH")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text, "the file must be left as it was")
        return message
    }

    @Test func aSyntaxErrorNamesTheFileLineAndColumnAndSaysWhatToDo() throws {
        let message = try startupError(for: "{\"version\":1,\n\"entries\":[{\"idempotency_key\":\"a\" \"body\":{}}]}")
        #expect(message.hasPrefix("cannot use the outbox file PATH: not valid JSON: invalid value at line 2, column 35 (byte 48)"))
        #expect(message.contains("left as it is") && message.contains("mv PATH PATH.bad") && message.contains("--outbox"))
    }

    @Test func aTruncatedFileSaysSo() throws {
        let message = try startupError(for: "{\"version\":1,\"entries\":[")
        #expect(message.hasPrefix("cannot use the outbox file PATH: not valid JSON: unexpected end of file"))
    }

    @Test func jsonThatIsNotAnOutboxSaysWhereItDiffers() throws {
        #expect(try startupError(for: "[1,2]").hasPrefix("cannot use the outbox file PATH: not an outbox: at the top level"))
        #expect(try startupError(for: #"{"version":1,"entries":[{"idempotency_key":"a","body":{},"attempts":"x"}]}"#)
            .hasPrefix("cannot use the outbox file PATH: not an outbox: at entries[0].attempts, expected Int"))
        #expect(try startupError(for: #"{"version":1}"#).hasPrefix(#"cannot use the outbox file PATH: not an outbox: the top level has no "entries""#))
    }

    @Test func aNewerFormatSaysWhichVersion() throws {
        let message = try startupError(for: #"{"version":2,"items":[]}"#)
        #expect(message.hasPrefix("cannot use the outbox file PATH: it is outbox format version 2, and this agent reads version 1"))
    }

    @Test func anEmptyFileIsAnEmptyOutbox() throws {
        let path = temporaryPath("touched.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let client = try Bridge3002Client.make(transport: ScriptedPoster([], then: .outcome(.refused), time: VirtualTime()), time: RecordingTime(), outboxPath: path)
        #expect(client.pendingCount == 0)
        #expect(try OutboxFile(path: path).load().isEmpty)
    }
}
