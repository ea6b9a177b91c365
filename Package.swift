// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Portico",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portico", targets: ["portico"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // cmark, the CommonMark reference library, from the system (apt: libcmark-dev).
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        // SHA-256's compression function in C: the CPU's SHA instructions (x86-64 SHA-NI) where present.
        .target(name: "CSHA256"),
        // SQLite's process-wide settings (sqlite3_config is variadic, so it is called from C).
        .target(name: "CProcessSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Value types of the domain: money, quantities, days, enumerations, problems. No I/O.
        .target(name: "PorticoModel", dependencies: ["CSHA256"], swiftSettings: strict),
        // Stage 1: reading the SQLite export (and the schema it must have).
        .target(name: "PorticoStore", dependencies: ["PorticoModel", "CProcessSetup", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        // The demo database generator.
        .target(name: "PorticoDemo", dependencies: ["PorticoModel", "PorticoStore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        // Stage 2: the per-party catalog and the domain rules (statuses, lists, validation).
        .target(name: "PorticoCatalog", dependencies: ["PorticoModel", "PorticoStore"], swiftSettings: strict),
        // Markdown through cmark, safe.
        .target(name: "PorticoMarkdown", dependencies: ["CCmark"], swiftSettings: strict),
        // Stage 3: planning pages with typed contexts (locale formatting and labels included).
        .target(name: "PorticoPlan", dependencies: ["PorticoModel", "PorticoCatalog", "PorticoMarkdown", .product(name: "Mustache", package: "swift-mustache")], swiftSettings: strict),
        // Stage 4: rendering planned pages through the Mustache templates.
        .target(name: "PorticoRender", dependencies: ["PorticoModel", "PorticoPlan", .product(name: "Mustache", package: "swift-mustache")], swiftSettings: strict),
        // Stage 5: writing a release and switching to it.
        .target(name: "PorticoPublish", dependencies: ["PorticoModel"], swiftSettings: strict),
        // Who may see what: the web server's access rules, and the leak guard every build runs before publishing.
        .target(name: "PorticoAccess", dependencies: ["PorticoModel", "PorticoPlan"], swiftSettings: strict),
        // The receiving side of the portals' actions (`portico receive`): check against the export, store in the inbox.
        .target(name: "PorticoReceive", dependencies: ["PorticoModel", "PorticoStore", "PorticoPlan", "PorticoRender", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        // The pipeline that ties the stages together: check and build.
        .target(name: "PorticoCore", dependencies: ["PorticoModel", "PorticoStore", "PorticoCatalog", "PorticoPlan", "PorticoRender", "PorticoPublish", "PorticoMarkdown", "PorticoAccess"], swiftSettings: strict),
        // The thin command line.
        .executableTarget(name: "portico", dependencies: ["CProcessSetup", "PorticoCore", "PorticoDemo", "PorticoModel", "PorticoStore", "PorticoPublish", "PorticoReceive", "PorticoPlan", "PorticoRender", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: strict),
        // Tests mirror the modules; PorticoTestSupport builds fixture databases for them.
        .target(name: "PorticoTestSupport", dependencies: ["PorticoModel", "PorticoStore", .product(name: "GRDB", package: "GRDB.swift")], path: "Tests/PorticoTestSupport", swiftSettings: strict),
        .testTarget(name: "PorticoModelTests", dependencies: ["PorticoModel", "CSHA256"], swiftSettings: strict),
        .testTarget(name: "PorticoStoreTests", dependencies: ["CProcessSetup", "PorticoModel", "PorticoStore", "PorticoTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .testTarget(name: "PorticoDemoTests", dependencies: ["PorticoModel", "PorticoStore", "PorticoDemo", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .testTarget(name: "PorticoCatalogTests", dependencies: ["PorticoModel", "PorticoStore", "PorticoCatalog", "PorticoTestSupport"], swiftSettings: strict),
        .testTarget(name: "PorticoMarkdownTests", dependencies: ["PorticoMarkdown", "PorticoModel"], swiftSettings: strict),
        .testTarget(name: "PorticoPlanTests", dependencies: ["PorticoModel", "PorticoCatalog", "PorticoPlan"], swiftSettings: strict),
        .testTarget(name: "PorticoRenderTests", dependencies: ["PorticoPlan", "PorticoRender", .product(name: "Mustache", package: "swift-mustache")], swiftSettings: strict),
        .testTarget(name: "PorticoPublishTests", dependencies: ["PorticoPublish"], swiftSettings: strict),
        .testTarget(name: "PorticoAccessTests", dependencies: ["PorticoAccess", "PorticoModel", "PorticoPlan"], swiftSettings: strict),
        .testTarget(name: "PorticoReceiveTests", dependencies: ["PorticoReceive", "PorticoModel", "PorticoPlan", "PorticoStore", "PorticoTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .testTarget(name: "PorticoCoreTests", dependencies: ["PorticoModel", "PorticoStore", "PorticoCore", "PorticoDemo", "PorticoPublish", "PorticoTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    // The golden pages are read from the source tree (see GoldenTests), not bundled.
                    exclude: ["Golden"], swiftSettings: strict),
    ]
)
