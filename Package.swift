// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ConvRecovery",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ConvRecovery", targets: ["ConvRecovery"]),
        .library(name: "Notebook", targets: ["Notebook"]),
        .executable(name: "convrec", targets: ["convrec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // OpenBLAS (CBLAS) + LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
        .systemLibrary(
            name: "CLinearAlgebra",
            path: "Sources/CLinearAlgebra",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Clang vector-extension one-liners: the hot loop's lane arithmetic as
        // explicit vector operations (header only; see Numerics/LaneVector.swift).
        .systemLibrary(name: "CLaneVector", path: "Sources/CLaneVector"),
        // The solver: pure computation, no I/O.
        .target(
            name: "ConvRecovery",
            dependencies: ["CLinearAlgebra", "CLaneVector"]
        ),
        // Experiments, runner, result store, analysis, reports, diff.
        .target(
            name: "Notebook",
            dependencies: [
                "ConvRecovery",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "convrec",
            dependencies: [
                "ConvRecovery",
                "Notebook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ConvRecoveryTests", dependencies: ["ConvRecovery"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "ConvRecovery"]),
        .testTarget(name: "ConvrecTests", dependencies: ["convrec"]),
    ]
)
