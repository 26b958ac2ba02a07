// libFuzzer target for the HTTP/1.1 request and response parsers.
// See docs/wire-http.md, "Fuzzing the parsers", and FuzzSupport's `FuzzTarget`
// for the convention: -DFUZZING builds the libFuzzer entry, a plain build the
// replayer `wire-fuzz-http FILE...`.
import FuzzSupport

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    HTTPFuzzInput.run(FuzzTarget.bytes(data, size))
    return 0
}
#else
@main
struct ReplaySavedInputs {
    static func main() {
        FuzzTarget.replay(
            tool: "wire-fuzz-http",
            summary: "Runs each saved fuzz input through the HTTP parsers once (a crash is a bug).",
            run: HTTPFuzzInput.run)
    }
}
#endif
