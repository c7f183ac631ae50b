// swift-tools-version:6.0
import PackageDescription

/// Settings every target shares: Swift 6 language mode comes from the tools
/// version; `ExistentialAny` makes every existential spell out `any`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The built-in scoring plugins. Each is an ordinary target under
/// `Plugins/<Name>/Sources` (not a SwiftPM package plugin) that depends on
/// `ScoringKit` only, with its unit tests in `Plugins/<Name>/Tests`, which
/// share the helpers of `PluginTestSupport`.
let pluginNames = ["Linear", "Bands", "MinMax", "Improvement", "Bonus", "Deduction", "Gate"]

let pluginTargets: [Target] = pluginNames.flatMap { name -> [Target] in
    [
        .target(
            name: "\(name)Plugin",
            dependencies: ["ScoringKit"],
            path: "Plugins/\(name)/Sources",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "\(name)PluginTests",
            dependencies: [.target(name: "\(name)Plugin"), "ScoringKit", "PluginTestSupport"],
            path: "Plugins/\(name)/Tests",
            swiftSettings: swiftSettings
        ),
    ]
}

let package = Package(
    name: "thidua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "thidua", targets: ["thidua"]),
        .library(name: "ScoringKit", targets: ["ScoringKit"]),
        .library(name: "ThiDuaEngine", targets: ["ThiDuaEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .target(name: "ScoringKit", swiftSettings: swiftSettings),
        .target(
            name: "ThiDuaEngine",
            dependencies: [
                "ScoringKit", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BuiltinPlugins",
            dependencies: ["ScoringKit"] + pluginNames.map { .target(name: "\($0)Plugin") },
            swiftSettings: swiftSettings
        ),
        // Allocator settings for the command-line tool (C, as Swift does not
        // see glibc's `mallopt`).
        .target(name: "CAllocator"),
        .executableTarget(
            name: "thidua",
            dependencies: [
                "CAllocator",
                "ThiDuaEngine",
                "BuiltinPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "PluginTestSupport", dependencies: ["ScoringKit"], swiftSettings: swiftSettings),
        .testTarget(name: "ScoringKitTests", dependencies: ["ScoringKit"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ThiDuaEngineTests",
            dependencies: ["ThiDuaEngine", "BuiltinPlugins", "ScoringKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["thidua", "CAllocator"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
    ] + pluginTargets
)
