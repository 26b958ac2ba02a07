// swift-tools-version:6.2
// A package of its own that uses the simulator in its tests, as a user's package would.
// Here it depends on the checkout around it by path; CI builds a copy of it against a tagged
// clone as a version-based dependency, the way users depend on it (.ci/interop-package.sh).
import PackageDescription

let package = Package(
    name: "TelloAgentExamples",
    dependencies: [
        .package(name: "TelloAgent", path: ".."),
    ],
    targets: [
        .testTarget(
            name: "FlySimulatorTests",
            dependencies: [.product(name: "TelloSim", package: "TelloAgent")],
            swiftSettings: [.treatAllWarnings(as: .error)]),
    ]
)
