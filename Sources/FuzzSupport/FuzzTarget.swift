import Foundation

/// The scaffolding every libFuzzer target shares (planner-fuzz, wire-fuzz-http,
/// wire-fuzz-websocket), so each target's entry file is only its two entry points.
///
/// The convention: built with `-Xswiftc -DFUZZING` and `--sanitize=fuzzer`,
/// libFuzzer supplies `main` and calls the target's `LLVMFuzzerTestOneInput`
/// (which must be declared in the executable itself, hence not here). A plain
/// build is a replayer instead, so a crash the fuzzer finds becomes a
/// regression check and `swift build` stays green.
package enum FuzzTarget {
    /// libFuzzer's input, copied into an array the pure `run` functions take.
    package static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The replayer's `main`: `tool FILE...` runs each saved input through `run`
    /// once and prints `ok FILE`; a crash is the bug. No argument prints usage and
    /// exits 2; `-h`/`--help` prints it and exits 0; an unreadable file exits 2.
    package static func replay(
        tool: String, summary: String, arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        run: ([UInt8]) -> Void
    ) {
        if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") {
            print("usage: \(tool) FILE...\n\n\(summary)")
            exit(arguments.isEmpty ? 2 : 0)
        }
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(tool): cannot read \(path)\n".utf8))
                exit(2)
            }
            run(Array(data))
            print("ok \(path)")
        }
    }
}
