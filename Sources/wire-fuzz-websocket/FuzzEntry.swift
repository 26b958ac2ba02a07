// libFuzzer target for the WebSocket frame decoder, message layer, state
// machine and handshake head parser. See docs/wire-websocket.md, "Fuzzing".
//
// Built with -DFUZZING and -sanitize=fuzzer, libFuzzer provides `main` and
// calls the entry point below. A plain build (no FUZZING) is a replayer
// instead: `wire-fuzz-websocket FILE...` runs each saved input once, so a
// crash found by the fuzzer becomes a regression check, and `swift build`
// stays green.
import Foundation

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    WebSocketFuzzInput.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
struct ReplaySavedInputs {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print("""
                wire-fuzz-websocket FILE...: replays saved fuzz inputs through the WebSocket codecs
                (decoder, message layer, state machine, handshake head parser); prints `ok FILE` for
                each, crashes on a broken invariant. To fuzz: scripts/fuzz-websocket.sh [SECONDS].
                """)
            return
        }
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("wire-fuzz-websocket: cannot read \(path)\n".utf8))
                exit(2)
            }
            WebSocketFuzzInput.run(Array(data))
            print("ok \(path)")
        }
    }
}
#endif
