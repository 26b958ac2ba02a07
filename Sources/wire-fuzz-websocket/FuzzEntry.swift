// libFuzzer target for the WebSocket frame decoder, message layer, state
// machine and 101 response head parser. See docs/wire-websocket.md, "Fuzzing",
// and FuzzSupport's `FuzzTarget` for the convention: -DFUZZING builds the
// libFuzzer entry, a plain build the replayer `wire-fuzz-websocket FILE...`.
import FuzzSupport

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    WebSocketFuzzInput.run(FuzzTarget.bytes(data, size))
    return 0
}
#else
@main
struct ReplaySavedInputs {
    static func main() {
        FuzzTarget.replay(
            tool: "wire-fuzz-websocket",
            summary: """
                Replays saved fuzz inputs through the WebSocket codecs (decoder, message layer, state machine,
                101 response head parser) once; prints `ok FILE` for each, crashes on a broken invariant.
                To fuzz: scripts/fuzz-websocket.sh [SECONDS].
                """,
            run: WebSocketFuzzInput.run)
    }
}
#endif
