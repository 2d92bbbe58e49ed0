// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Hourglass",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hourglass", targets: ["hourglass"]),
        .library(name: "HourglassCore", targets: ["HourglassCore"]),
        .library(name: "HourglassStore", targets: ["HourglassStore"]),
        .library(name: "HourglassExchange", targets: ["HourglassExchange"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"]), .brew(["libpq"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]),
        .systemLibrary(name: "CXGBoost", pkgConfig: "xgboost", providers: [.apt(["libxgboost-dev"]), .brew(["xgboost"])]),
        .target(
            name: "HourglassCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Pure: renders a run's report (HTML, inline SVG) from values; no I/O.
        .target(name: "HourglassReport", dependencies: ["HourglassCore"]),
        .target(
            name: "HourglassStore",
            // HourglassModels: the executor trains the ensemble at retrain hours and loads its artifacts.
            dependencies: ["HourglassCore", "HourglassReport", "HourglassModels", "CLibPQ", "CLZ4",
                           .product(name: "Logging", package: "swift-log")]
        ),
        // Kraken REST adapter: public data, signed private calls, nonces, retries (FoundationNetworking).
        .target(
            name: "HourglassExchange",
            dependencies: ["HourglassCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The hourly runner: exchange clock, bar ingestion, per-hour execution, LIVE orders.
        .target(
            name: "HourglassRuntime",
            dependencies: ["HourglassCore", "HourglassStore", "HourglassExchange", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "HourglassCLI",
            dependencies: [
                "HourglassCore", "HourglassStore", "HourglassReport", "HourglassModels", "HourglassRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Trained models (XGBoost through its C API, sequence models in Swift), labels, validation, statistics.
        .target(name: "HourglassModels", dependencies: ["HourglassCore", "CXGBoost"]),
        .executableTarget(name: "hourglass", dependencies: ["HourglassCLI"]),
        // Test helpers shared by the storage and CLI tests (server, repository, sample data).
        .target(name: "HourglassTestSupport", dependencies: ["HourglassCore", "HourglassStore"], path: "Tests/HourglassTestSupport"),
        // A loopback Kraken server (POSIX sockets) for the exchange tests, and later the CLI tests.
        .target(name: "HourglassExchangeTestSupport", dependencies: ["HourglassCore", "HourglassExchange"],
                path: "Tests/HourglassExchangeTestSupport"),
        .testTarget(name: "HourglassExchangeTests",
                    dependencies: ["HourglassCore", "HourglassExchange", "HourglassExchangeTestSupport"]),
        .testTarget(name: "HourglassCoreTests", dependencies: ["HourglassCore"]),
        .testTarget(name: "HourglassReportTests", dependencies: ["HourglassCore", "HourglassReport"]),
        .testTarget(name: "HourglassModelsTests", dependencies: ["HourglassCore", "HourglassModels"]),
        .testTarget(name: "HourglassStoreTests",
                    dependencies: ["HourglassCore", "HourglassStore", "HourglassModels", "HourglassTestSupport"]),
        .testTarget(name: "HourglassCLITests", dependencies: ["HourglassCore", "HourglassStore", "HourglassCLI", "HourglassTestSupport",
                                                            "HourglassExchangeTestSupport"]),
        .testTarget(name: "HourglassRuntimeTests",
                    dependencies: ["HourglassCore", "HourglassStore", "HourglassExchange", "HourglassRuntime", "HourglassTestSupport",
                                   "HourglassExchangeTestSupport", .product(name: "Logging", package: "swift-log")]),
    ]
)
