// swift-tools-version:6.2
// No package dependencies, by rule: the toolchain only (docs/architecture.md).
import Foundation
import PackageDescription

/// One strict settings list for every target: Swift 6 language mode (with its complete
/// concurrency checking) is the tools-version default; warnings fail the build so "zero
/// warnings" is checked, not hoped. A package setting, not an unsafe flag: SwiftPM refuses a
/// version-based dependency with unsafe flags (manifests before tools 6.2), and applies this
/// setting only where this package is built as itself (a package that depends on it by version
/// compiles it with warnings suppressed, so our warnings never fail its build).
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "TelloAgent",
    products: [
        // Libraries other packages depend on (README, "Use the simulator from your own Swift tests").
        // The Tello text protocol as values.
        .library(name: "TelloSDK", targets: ["TelloSDK"]),
        // The simulator, with the modules its API speaks: time sources (Clocks), the logger
        // (Logs), the SDK values (TelloSDK), the UDP socket and address to talk to it (Sockets),
        // and the control endpoint's router (Wire) with its requests and responses (HTTPCodec).
        .library(name: "TelloSim", targets: ["TelloSim", "TelloSDK", "Clocks", "Logs", "Sockets", "HTTPCodec", "Wire"]),
        // The scenario runner: scenario files played against the agent in-process.
        .library(name: "Scenario", targets: ["Scenario"]),
        .executable(name: "tello-sim", targets: ["tello-sim"]),
        .executable(name: "tello-sim-bench", targets: ["tello-sim-bench"]),
        .executable(name: "tello-agent", targets: ["tello-agent"]),
        .executable(name: "wire-echo", targets: ["wire-echo"]),
        .executable(name: "tello-scenario", targets: ["tello-scenario"]),
        .executable(name: "wire-http-demo", targets: ["wire-http-demo"]),
        .executable(name: "wire-io-bench", targets: ["wire-io-bench"]),
        .executable(name: "h264-sample", targets: ["h264-sample"]),
        .executable(name: "h264-bench", targets: ["h264-bench"]),
    ],
    targets: [
        // Foundations: no I/O policy, imported by everything above.
        .target(name: "CEpoll"),
        .target(name: "Clocks", swiftSettings: strict),
        .target(name: "Logs", dependencies: ["Clocks", "JSONValue"], swiftSettings: strict),
        .target(name: "JSONValue", swiftSettings: strict),
        // Bounded numeric flags: the one parser every program's command line uses.
        .target(name: "CommandLineFlags", swiftSettings: strict),

        // The Tello text protocol as pure values.
        .target(name: "TelloSDK", swiftSettings: strict),
        // The agent's action vocabulary as one table (names, amounts, ranges, defaults), read by planner and agent.
        .target(name: "DroneVocabulary", dependencies: ["TelloSDK"], swiftSettings: strict),
        // A plan flown on a pure model before the drone moves: envelope, rules, predicted path. No I/O.
        .target(name: "Preflight", dependencies: ["DroneVocabulary", "JSONValue"], swiftSettings: strict),

        // Our transport, by layer. Sockets: the epoll reactor, TCP and UDP sockets, addresses, deadlines.
        .target(name: "Sockets", dependencies: ["CEpoll", "Clocks"], swiftSettings: strict),
        // HTTP/1.1 as pure values over bytes: parsers, serializer, headers, limits. No I/O.
        .target(name: "HTTPCodec", swiftSettings: strict),
        // RFC 6455 as pure values over bytes: handshake, SHA-1, UTF-8, frames, messages, close state machine. No I/O.
        .target(name: "WebSocketCodec", swiftSettings: strict),
        // Servers and clients on the three above: HTTPServer, HTTPClient, WebSocketConnection, WebSocketServer.
        .target(name: "Wire", dependencies: ["Sockets", "HTTPCodec", "WebSocketCodec", "Clocks", "Logs"], swiftSettings: strict),

        // A pure H.264 (Baseline, CAVLC) encoder: frames in, Annex B NAL units out, no I/O.
        .target(name: "H264", swiftSettings: strict),

        // The simulated drone and its UDP front.
        .target(name: "TelloSim", dependencies: ["TelloSDK", "Clocks", "Logs", "HTTPCodec", "Sockets", "Wire", "CommandLineFlags", "JSONValue"],
                resources: [.copy("Resources/test-clip.h264")], swiftSettings: strict),

        // One POST with a hard deadline, and scripted stand-ins: the transport Planner and Bridge3002 share.
        .target(name: "PostTransport", dependencies: ["JSONValue", "Clocks", "HTTPCodec", "Sockets", "Wire"], swiftSettings: strict),

        // Orders -> plans: offline rules and LLM providers.
        .target(name: "Planner", dependencies: ["DroneVocabulary", "JSONValue", "Clocks", "Logs", "HTTPCodec", "Wire", "PostTransport"], swiftSettings: strict),

        // Delivery of analyses to the 3002 backend, and its mock.
        .target(name: "Bridge3002", dependencies: ["JSONValue", "Clocks", "Logs", "HTTPCodec", "Wire", "PostTransport"], swiftSettings: strict),

        // The 3004 agent.
        .target(name: "Agent", dependencies: ["CommandLineFlags", "DroneVocabulary", "Preflight", "JSONValue", "TelloSDK", "TelloSim", "Sockets", "WebSocketCodec", "Wire", "Planner", "Bridge3002", "Clocks", "Logs"], swiftSettings: strict),

        // Scenario files played against the real agent.
        .target(name: "Scenario", dependencies: ["JSONValue", "Agent", "TelloSim", "Bridge3002", "Planner", "HTTPCodec", "Sockets", "WebSocketCodec", "Clocks", "Logs"], swiftSettings: strict),

        // Thin executables: argument parsing and wiring only.
        .executableTarget(name: "tello-sim", dependencies: ["TelloSim", "TelloSDK", "Sockets", "Wire", "Clocks", "Logs"], swiftSettings: strict),
        .executableTarget(name: "tello-sim-bench", dependencies: ["TelloSim", "TelloSDK", "Sockets", "Clocks", "Logs", "CommandLineFlags"], swiftSettings: strict),
        .executableTarget(name: "tello-agent", dependencies: ["Agent", "Bridge3002", "Logs", "TelloSim"], swiftSettings: strict),
        // Agent round-trip and fan-out figures: swift run -c release agent-bench
        .executableTarget(name: "agent-bench", dependencies: ["Agent", "Clocks", "JSONValue", "Logs", "Wire"], swiftSettings: strict),
        // Preflight figures: swift run -c release preflight-bench
        .executableTarget(name: "preflight-bench", dependencies: ["Preflight", "DroneVocabulary", "JSONValue"], swiftSettings: strict),
        .executableTarget(name: "wire-echo", dependencies: ["Sockets", "WebSocketCodec", "Wire", "Logs", "CommandLineFlags"], swiftSettings: strict),
        .executableTarget(name: "tello-scenario", dependencies: ["Scenario", "Logs"], swiftSettings: strict),
        .executableTarget(name: "wire-http-demo", dependencies: ["HTTPCodec", "Sockets", "Wire", "Logs", "CommandLineFlags"], swiftSettings: strict),
        .executableTarget(name: "wire-io-bench", dependencies: ["HTTPCodec", "Sockets", "Wire", "Logs"], swiftSettings: strict),
        // A synthetic moving scene encoded to an Annex B file, for the FFmpeg interop check.
        .executableTarget(name: "h264-sample", dependencies: ["H264"], swiftSettings: strict),
        // Encoder figures: swift run -c release h264-bench
        .executableTarget(name: "h264-bench", dependencies: ["H264"], swiftSettings: strict),
        // The replay/entry scaffolding the libFuzzer targets below share.
        .target(name: "FuzzSupport", swiftSettings: strict),
        // libFuzzer target for the HTTP parsers (docs/wire-http.md, "Fuzzing the parsers").
        .executableTarget(name: "wire-fuzz-http", dependencies: ["HTTPCodec", "FuzzSupport"], swiftSettings: strict),
        // libFuzzer target for the WebSocket codecs (docs/wire-websocket.md, "Fuzzing").
        .executableTarget(name: "wire-fuzz-websocket", dependencies: ["HTTPCodec", "WebSocketCodec", "FuzzSupport"], swiftSettings: strict),
        // The 3002 and LLM mocks as standalone servers.
        .executableTarget(name: "bridge-mocks", dependencies: ["Bridge3002", "Planner", "Logs", "CommandLineFlags"], swiftSettings: strict),
        // libFuzzer target for the Planner's parsers; a plain build is a replayer (docs/planner.md).
        .executableTarget(name: "planner-fuzz", dependencies: ["Planner", "DroneVocabulary", "FuzzSupport"], swiftSettings: strict),
        // Planner and outbox figures: swift run -c release bridge-bench
        .executableTarget(name: "bridge-bench", dependencies: ["Planner", "Bridge3002", "PostTransport", "JSONValue", "Clocks", "Logs"], swiftSettings: strict),

        .testTarget(name: "ClocksTests", dependencies: ["Clocks"], swiftSettings: strict),
        .testTarget(name: "LogsTests", dependencies: ["Logs"], swiftSettings: strict),
        .testTarget(name: "CommandLineFlagsTests", dependencies: ["CommandLineFlags"], swiftSettings: strict),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"], swiftSettings: strict),
        .testTarget(name: "H264Tests", dependencies: ["H264"], swiftSettings: strict),
        .testTarget(name: "TelloSDKTests", dependencies: ["TelloSDK", "Clocks"], swiftSettings: strict),
        .testTarget(name: "DroneVocabularyTests", dependencies: ["DroneVocabulary", "TelloSDK"], swiftSettings: strict),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight", "DroneVocabulary", "JSONValue"], swiftSettings: strict),
        // Helpers every test target may share (awaited teardown).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TelloSimTests", dependencies: ["TelloSim", "TelloSDK", "Clocks", "Logs", "HTTPCodec", "Sockets", "Wire", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "WireTests", dependencies: ["HTTPCodec", "Sockets", "WebSocketCodec", "Wire", "Clocks", "Logs", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "DroneVocabulary", "JSONValue", "Clocks", "Logs", "PostTransport"], swiftSettings: strict),
        .testTarget(name: "Bridge3002Tests", dependencies: ["TestSupport", "Bridge3002", "PostTransport", "JSONValue", "Clocks", "Logs"], swiftSettings: strict),
        .testTarget(name: "AgentTests", dependencies: ["TestSupport", "Agent", "DroneVocabulary", "Preflight", "JSONValue", "TelloSDK", "TelloSim", "Planner", "Bridge3002", "HTTPCodec", "Sockets", "WebSocketCodec", "Wire", "Clocks", "Logs"], swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "JSONValue", "Agent", "Clocks", "Logs", "HTTPCodec", "Sockets", "WebSocketCodec", "Wire", "TelloSim", "Planner", "Bridge3002", "PostTransport"], swiftSettings: strict),
    ]
)

// The Tello text parsers' libFuzzer target, only when asked (TELLO_FUZZ=1): libFuzzer
// supplies its main, so a plain `swift build` must not see it. See docs/tello-sim.md, "Fuzzing".
if ProcessInfo.processInfo.environment["TELLO_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "tello-sdk-fuzz", dependencies: ["TelloSDK"], path: "Fuzz/tello-sdk-fuzz",
        swiftSettings: strict + [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "tello-sdk-fuzz", targets: ["tello-sdk-fuzz"]))
}
