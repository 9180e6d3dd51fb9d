// swift-tools-version:6.1
import PackageDescription

// package-benchmark suite for ConvRecovery's hot loop (see README.md).
// Run from this folder: swift package --allow-writing-to-package-directory benchmark
let package = Package(
    name: "ConvRecoveryBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ConvRecovery", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The benchmark shape, its problems, and the memory-floor reader.
        .target(
            name: "BenchmarkFixtures",
            dependencies: [.product(name: "ConvRecovery", package: "ConvRecovery")]
        ),
        // package-benchmark suite: swift package benchmark
        .executableTarget(
            name: "ConvRecoveryBenchmarks",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ConvRecoveryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Floor and passes timed round-robin in one process: swift run -c release Interleaved
        .executableTarget(name: "Interleaved", dependencies: ["BenchmarkFixtures"]),
    ]
)
