// libFuzzer target for the Planner's text parsers (offline rules, LLM plan
// extraction). See docs/planner.md, "Fuzzing".
//
// Built with -DFUZZING and -sanitize=fuzzer, libFuzzer provides `main` and
// calls the entry point below. A plain build is a replayer instead:
// `planner-fuzz FILE...` runs each saved input once, so a crash the fuzzer
// finds becomes a regression check, and `swift build` stays green.
import Foundation

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        PlannerFuzzInput.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    @main
    struct ReplaySavedInputs {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            if paths.isEmpty || paths.contains("--help") {
                print("usage: planner-fuzz FILE...\n\nRuns each saved fuzz input through the offline planner and the plan extraction once (a crash is a bug).")
                exit(paths.isEmpty ? 2 : 0)
            }
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("planner-fuzz: cannot read \(path)\n".utf8))
                    exit(2)
                }
                PlannerFuzzInput.run(Array(data))
                print("ok \(path)")
            }
        }
    }
#endif
