// libFuzzer target for the Planner's text parsers (offline rules, LLM plan
// extraction). See docs/planner.md, "Fuzzing", and FuzzSupport's `FuzzTarget`
// for the convention: -DFUZZING builds the libFuzzer entry, a plain build the
// replayer `planner-fuzz FILE...`.
import FuzzSupport

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        PlannerFuzzInput.run(FuzzTarget.bytes(data, size))
        return 0
    }
#else
    @main
    struct ReplaySavedInputs {
        static func main() {
            FuzzTarget.replay(
                tool: "planner-fuzz",
                summary: "Runs each saved fuzz input through the offline planner and the plan extraction once (a crash is a bug).",
                run: PlannerFuzzInput.run)
        }
    }
#endif
