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
        .library(name: "TelloSim", targets: ["TelloSim", "TelloSDK", "Clocks", "Logs", "Sockets", "Networks", "HTTPCodec", "Wire"]),
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
        .executable(name: "camera-bench", targets: ["camera-bench"]),
    ],
    targets: [
        // Foundations: no I/O policy, imported by everything above.
        .target(name: "CEpoll"),
        .target(name: "Clocks", swiftSettings: strict),
        .target(name: "Logs", swiftSettings: strict),
        .target(name: "JSONValue", dependencies: ["Logs"], swiftSettings: strict),
        // Structured lifetimes: long-lived parts run as children of one group, ended in reverse order.
        .target(name: "Lifetimes", dependencies: ["Clocks", "Logs"], swiftSettings: strict),
        // Bounded numeric flags: the one parser every program's command line uses.
        .target(name: "CommandLineFlags", swiftSettings: strict),

        // The Tello text protocol as pure values.
        .target(name: "TelloSDK", swiftSettings: strict),
        // The agent's action vocabulary as one table (names, amounts, ranges, defaults), read by planner and agent.
        .target(name: "DroneVocabulary", dependencies: ["TelloSDK"], swiftSettings: strict),
        // A plan flown on a pure model before the drone moves: envelope, rules, predicted path. No I/O.
        // Where a segment enters a box: the collision test the simulator and the preflight share.
        .target(name: "BoxGeometry", swiftSettings: strict),
        // A Tello's flight numbers, the simulator's and the preflight's one source (pure, no imports).
        .target(name: "TelloPerformance", swiftSettings: strict),
        .target(name: "Preflight", dependencies: ["BoxGeometry", "DroneVocabulary", "JSONValue", "TelloPerformance"], swiftSettings: strict),

        // Our transport, by layer. Sockets: the epoll reactor, TCP and UDP sockets, addresses, deadlines.
        .target(name: "Sockets", dependencies: ["CEpoll", "Clocks"], swiftSettings: strict),
        // Datagram endpoints and where they come from: the seam the drone link and the simulator's UDP
        // front speak to, with the machine's UDP as one implementation.
        .target(name: "Networks", dependencies: ["Sockets"], swiftSettings: strict),
        // A network inside the process: datagram endpoints keyed by address, delivery on a virtual clock,
        // faults drawn from a seed. What simulation runs and tests put under the seams.
        .target(name: "MemoryNetwork", dependencies: ["Clocks", "Networks", "Sockets"], swiftSettings: strict),
        // HTTP/1.1 as pure values over bytes: parsers, serializer, headers, limits. No I/O.
        .target(name: "HTTPCodec", swiftSettings: strict),
        // RFC 6455 as pure values over bytes: handshake, SHA-1, UTF-8, frames, messages, close state machine. No I/O.
        .target(name: "WebSocketCodec", swiftSettings: strict),
        // Servers and clients on the three above: HTTPServer, HTTPClient, WebSocketConnection, WebSocketServer.
        .target(name: "Wire", dependencies: ["Sockets", "HTTPCodec", "WebSocketCodec", "Clocks", "Logs"], swiftSettings: strict),

        // A pure H.264 (Baseline, CAVLC) encoder: frames in, Annex B NAL units out, no I/O.
        .target(name: "H264", swiftSettings: strict),

        // The simulated drone's forward camera: a scene drawn from a pose into a YUV picture, no I/O.
        .target(name: "SimCamera", dependencies: ["H264"], swiftSettings: strict),

        // The simulated drone and its UDP front.
        .target(name: "TelloSim", dependencies: ["BoxGeometry", "TelloSDK", "TelloPerformance", "Clocks", "Lifetimes", "Logs", "HTTPCodec", "Sockets", "Networks", "Wire", "CommandLineFlags", "JSONValue", "SimCamera", "H264"],
                resources: [.copy("Resources/test-clip.h264")], swiftSettings: strict),

        // One POST with a hard deadline: the transport Planner and Bridge3002 share.
        .target(name: "PostTransport", dependencies: ["Clocks", "Wire", "HTTPCodec", "Sockets", "Networks"], swiftSettings: strict),

        // Orders -> plans: offline rules and LLM providers.
        .target(name: "Planner", dependencies: ["DroneVocabulary", "JSONValue", "Clocks", "Logs", "PostTransport"], swiftSettings: strict),

        // Delivery of analyses to the 3002 backend.
        .target(name: "Bridge3002", dependencies: ["JSONValue", "Clocks", "Lifetimes", "Logs", "PostTransport"], swiftSettings: strict),

        // Scripted stand-ins, kept out of the production modules: the script every mock
        // shares and an in-process poster; a model endpoint (LLMMock); the 3002 backend
        // (Backend3002Mock). For tests, the scenario runner, bridge-mocks and bridge-bench.
        .target(name: "PostTransportMocks", dependencies: ["PostTransport", "JSONValue", "Clocks"], swiftSettings: strict),
        .target(name: "PlannerMocks", dependencies: ["Planner", "PostTransportMocks", "JSONValue", "Clocks", "Logs", "Wire", "HTTPCodec", "Networks"],
                swiftSettings: strict),
        .target(name: "Bridge3002Mocks", dependencies: ["Bridge3002", "PostTransportMocks", "JSONValue", "Clocks", "Logs", "Wire", "HTTPCodec", "Networks"],
                swiftSettings: strict),

        // A live session as a JSON-lines log (docs/recording.md): the events, the bounded
        // writer (`tello-agent --record`), and the reader `tello-scenario from-session` uses.
        .target(name: "FlightRecord", dependencies: ["Clocks", "JSONValue"], swiftSettings: strict),

        // The 3004 agent.
        .target(name: "Agent", dependencies: ["FlightRecord", "DroneVocabulary", "Preflight", "JSONValue", "TelloSDK", "HTTPCodec", "Sockets", "Networks", "PostTransport", "WebSocketCodec", "Wire", "Planner", "Clocks", "Lifetimes", "Logs", "H264"],
                // The browser console, compiled into the executable (Sources/Agent/Console/ConsoleFiles.swift).
                resources: [.embedInCode("Console/web/index.html"), .embedInCode("Console/web/console.css"), .embedInCode("Console/web/app.js"), .embedInCode("Console/web/charts.js"), .embedInCode("Console/web/eventlog.js"), .embedInCode("Console/web/i18n.js"), .embedInCode("Console/web/map.js"), .embedInCode("Console/web/plan.js"), .embedInCode("Console/web/video.js")],
                swiftSettings: strict),

        // The composition root: the agent's options, and its parts (drone link, embedded simulator,
        // 3002 bridge, planner, server) wired and run as one service group.
        .target(name: "AgentAssembly", dependencies: ["FlightRecord", "PostTransport", "Agent", "Preflight", "Bridge3002", "CommandLineFlags", "Clocks", "JSONValue", "Lifetimes", "Logs", "Planner", "TelloSDK", "TelloSim", "Wire", "Sockets", "Networks"], swiftSettings: strict),

        // Scenario files played against the real agent.
        .target(name: "Scenario", dependencies: ["FlightRecord", "JSONValue", "DroneVocabulary", "Agent", "AgentAssembly", "MemoryNetwork", "Networks", "Lifetimes", "TelloSim", "Bridge3002", "Bridge3002Mocks", "Planner", "PlannerMocks", "Clocks", "Logs", "HTTPCodec", "Sockets", "WebSocketCodec"],
                // The HTML trace's style and script, written inline into every trace (Sources/Scenario/Trace/TraceHTML.swift).
                resources: [.embedInCode("Trace/web/trace.css"), .embedInCode("Trace/web/trace-base.js"), .embedInCode("Trace/web/trace-model.js"),
                            .embedInCode("Trace/web/trace-header.js"), .embedInCode("Trace/web/trace-timeline.js"), .embedInCode("Trace/web/trace-plots.js"),
                            .embedInCode("Trace/web/trace-events.js"), .embedInCode("Trace/web/trace-main.js")],
                swiftSettings: strict),

        // Thin executables: argument parsing and wiring only.
        .executableTarget(name: "tello-sim", dependencies: ["TelloSim", "Wire", "Clocks", "Logs", "Sockets"], swiftSettings: strict),
        .executableTarget(name: "tello-sim-bench", dependencies: ["TelloSim", "TelloSDK", "Clocks", "Logs", "CommandLineFlags", "Sockets"], swiftSettings: strict),
        .executableTarget(name: "tello-agent", dependencies: ["AgentAssembly", "Bridge3002", "Lifetimes", "Logs", "TelloSim"], swiftSettings: strict),
        // Agent round-trip and fan-out figures: swift run -c release agent-bench
        .executableTarget(name: "agent-bench", dependencies: ["AgentAssembly", "Agent", "CEpoll", "Clocks", "JSONValue", "Logs", "TelloSim", "Wire"], swiftSettings: strict),
        // What --record costs (round trip and fan-out, with and without): swift run -c release record-bench
        .executableTarget(name: "record-bench", dependencies: ["AgentAssembly", "Agent", "Clocks", "JSONValue", "Logs", "Wire"], swiftSettings: strict),
        // Video relay figures (latency added per picture, throughput to 20 viewers): swift run -c release video-relay-bench
        .executableTarget(name: "video-relay-bench", dependencies: ["Agent", "AgentAssembly", "Clocks", "Lifetimes", "Logs", "TelloSim", "Wire"], swiftSettings: strict),
        // Preflight figures: swift run -c release preflight-bench
        .executableTarget(name: "preflight-bench", dependencies: ["Preflight", "DroneVocabulary", "JSONValue"], swiftSettings: strict),
        .executableTarget(name: "wire-echo", dependencies: ["Wire", "Logs", "CommandLineFlags", "Sockets", "WebSocketCodec"], swiftSettings: strict),
        .executableTarget(name: "tello-scenario", dependencies: ["Scenario"], swiftSettings: strict),
        // The scenario library's wall time in memory and live: swift run -c release scenario-bench
        .executableTarget(name: "scenario-bench", dependencies: ["Scenario"], swiftSettings: strict),
        .executableTarget(name: "wire-http-demo", dependencies: ["Wire", "Lifetimes", "Logs", "CommandLineFlags", "HTTPCodec", "Sockets"], swiftSettings: strict),
        .executableTarget(name: "wire-io-bench", dependencies: ["Wire", "Logs", "HTTPCodec", "Sockets"], swiftSettings: strict),
        // A synthetic moving scene encoded to an Annex B file, for the FFmpeg interop check.
        .executableTarget(name: "h264-sample", dependencies: ["H264"], swiftSettings: strict),
        // Encoder figures: swift run -c release h264-bench
        .executableTarget(name: "h264-bench", dependencies: ["H264"], swiftSettings: strict),
        // Camera figures (render + encode) and the recorded flight the interop check decodes:
        // swift run -c release camera-bench
        .executableTarget(name: "camera-bench", dependencies: ["SimCamera", "H264", "TelloSim"], swiftSettings: strict),
        // The replay/entry scaffolding the libFuzzer targets below share.
        .target(name: "FuzzSupport", swiftSettings: strict),
        // libFuzzer target for the HTTP parsers (docs/wire-http.md, "Fuzzing the parsers").
        .executableTarget(name: "wire-fuzz-http", dependencies: ["HTTPCodec", "FuzzSupport"], swiftSettings: strict),
        // libFuzzer target for the WebSocket codecs (docs/wire-websocket.md, "Fuzzing").
        .executableTarget(name: "wire-fuzz-websocket", dependencies: ["HTTPCodec", "WebSocketCodec", "FuzzSupport"], swiftSettings: strict),
        // The 3002 and LLM mocks as standalone servers.
        .executableTarget(name: "bridge-mocks", dependencies: ["Bridge3002", "Bridge3002Mocks", "Planner", "PlannerMocks", "Logs", "CommandLineFlags"], swiftSettings: strict),
        // libFuzzer target for the Planner's parsers; a plain build is a replayer (docs/planner.md).
        .executableTarget(name: "planner-fuzz", dependencies: ["Planner", "DroneVocabulary", "FuzzSupport"], swiftSettings: strict),
        // Planner and outbox figures: swift run -c release bridge-bench
        .executableTarget(name: "bridge-bench", dependencies: ["Sockets", "Planner", "Bridge3002", "PostTransport", "PostTransportMocks", "PlannerMocks", "Bridge3002Mocks", "JSONValue", "Clocks", "Lifetimes", "Logs"], swiftSettings: strict),

        .testTarget(name: "MemoryNetworkTests", dependencies: ["MemoryNetwork", "Networks", "Clocks", "Sockets"], swiftSettings: strict),
        .testTarget(name: "ClocksTests", dependencies: ["Clocks", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "LogsTests", dependencies: ["Logs"], swiftSettings: strict),
        .testTarget(name: "LifetimesTests", dependencies: ["Lifetimes", "Clocks", "Logs", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CommandLineFlagsTests", dependencies: ["CommandLineFlags"], swiftSettings: strict),
        .testTarget(name: "FlightRecordTests", dependencies: ["FlightRecord", "Clocks", "JSONValue"], swiftSettings: strict),
        .testTarget(name: "JSONValueTests", dependencies: ["JSONValue"], swiftSettings: strict),
        .testTarget(name: "H264Tests", dependencies: ["H264"], swiftSettings: strict),
        .testTarget(name: "SimCameraTests", dependencies: ["SimCamera", "H264", "TelloSim"], swiftSettings: strict),
        .testTarget(name: "TelloSDKTests", dependencies: ["TelloSDK", "Clocks"], swiftSettings: strict),
        // What every test target shares: awaited teardown, bounded waits (eventually,
        // within), the WebSocket test clients (TestClient, RawWebSocketClient), built executables run to their end,
        // and Simulation (memory network, virtual time, a driver that knows when all is idle).
        .target(name: "TestSupport", dependencies: ["JSONValue", "Wire", "Sockets", "WebSocketCodec", "Clocks", "MemoryNetwork"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TelloSimTests", dependencies: ["TelloSim", "MemoryNetwork", "Networks", "SimCamera", "H264", "TelloSDK", "Clocks", "Lifetimes", "Logs", "Wire", "TestSupport", "HTTPCodec", "Sockets"], swiftSettings: strict),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Clocks", "Logs", "TestSupport", "HTTPCodec", "Sockets", "WebSocketCodec"], swiftSettings: strict),
        .testTarget(name: "DroneVocabularyTests", dependencies: ["DroneVocabulary", "TelloSDK"], swiftSettings: strict),
        .testTarget(name: "BoxGeometryTests", dependencies: ["BoxGeometry"], swiftSettings: strict),
        .testTarget(name: "PreflightTests", dependencies: ["Preflight", "DroneVocabulary", "JSONValue"], swiftSettings: strict),
        .testTarget(name: "PlannerTests", dependencies: ["TestSupport", "Planner", "DroneVocabulary", "PlannerMocks", "JSONValue", "Clocks", "Logs", "PostTransport", "PostTransportMocks"], swiftSettings: strict),
        .testTarget(name: "Bridge3002Tests", dependencies: ["TestSupport", "Bridge3002", "Bridge3002Mocks", "PostTransport", "PostTransportMocks", "JSONValue", "Clocks", "Lifetimes", "Logs"], swiftSettings: strict),
        .testTarget(name: "AgentTests", dependencies: ["TestSupport", "FlightRecord", "Agent", "Networks", "MemoryNetwork", "AgentAssembly", "Lifetimes", "DroneVocabulary", "Preflight", "JSONValue", "TelloSDK", "TelloSim", "Planner", "PlannerMocks", "PostTransport", "Wire", "Clocks", "Logs", "HTTPCodec", "Sockets", "WebSocketCodec", "H264"], swiftSettings: strict),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "Clocks", "Lifetimes"], swiftSettings: strict),
        // Package.swift held to what the sources import; no stand-in in a production module.
        .testTarget(name: "PackageLayoutTests", swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["TestSupport", "Scenario", "Agent", "AgentAssembly", "FlightRecord", "MemoryNetwork", "Networks", "JSONValue", "Clocks", "Logs", "Wire", "TelloSim", "Planner", "PlannerMocks", "Bridge3002", "Bridge3002Mocks", "PostTransport", "HTTPCodec", "Sockets", "WebSocketCodec"],
                    // Hand-written inputs (a record log) the tests read from the source tree.
                    exclude: ["Fixtures"], swiftSettings: strict),
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
