import TelloSDK

/// libFuzzer entry for the Tello text parsers (how to run: docs/tello-sim.md).
///
/// Besides "never crash, never hang", every input is checked for:
/// 1. Commands: a parsed command's text parses back to the same command.
/// 2. State lines: a parsed line, formatted and parsed again, formats identically
///    (formatting rounds to two decimals once, then is stable).
/// 3. Replies: classifying a reply's own text gives the same reply.
@_cdecl("LLVMFuzzerTestOneInput")
public func telloSDKFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    checkTelloText(text)
    return 0
}

/// The three properties above, for one input.
func checkTelloText(_ text: String) {
    if let command = try? TelloCommand(parsing: text) {
        guard (try? TelloCommand(parsing: command.text)) == command else {
            fatalError("command round trip changed \(command.text)")
        }
    }
    if let state = try? TelloState(line: text) {
        guard let again = try? TelloState(line: state.line), again.line == state.line else {
            fatalError("state line not stable: \(state.line)")
        }
    }
    let reply = TelloReply(text: text)
    guard TelloReply(text: reply.text) == reply else { fatalError("reply round trip changed \(reply.text)") }
}
