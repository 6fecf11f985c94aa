// swift-tools-version: 6.1
import PackageDescription

/// Dependencies point one way: CLibYAML → YAMLSource → Records → Policies → Engine → Reporters → jiayuan.
let package = Package(
  name: "jiayuan",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "jiayuan", targets: ["jiayuan"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    // SHA-256 of inputs and policies: BoringSSL's, 7x the hand-written one it replaced.
    .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
    // The min-heap that merges spilled runs of findings.
    .package(url: "https://github.com/apple/swift-collections.git", exact: "1.6.0"),
    // Reads .xlsx workbooks (a ZIP of SpreadsheetML parts), entry by entry with size caps.
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML", pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
    .target(name: "YAMLSource", dependencies: ["CLibYAML"]),
    .target(
      name: "Records",
      dependencies: [
        "YAMLSource", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .target(name: "Policies", dependencies: ["Records", "YAMLSource"]),
    .target(
      name: "Engine",
      dependencies: ["Policies", "Records", "YAMLSource", .product(name: "HeapModule", package: "swift-collections")],
      plugins: ["EmbedFiles"]),
    .target(
      name: "Reporters", dependencies: ["Engine", "Policies", "Records"], exclude: ["Resources"],
      plugins: ["EmbedFiles"]),
    .executableTarget(
      name: "jiayuan",
      dependencies: [
        "Engine", "Reporters", "Policies", "Records", "YAMLSource",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "EmbedFilesTool"),
    .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
    .testTarget(
      name: "JiayuanTests",
      dependencies: ["YAMLSource", "Records", "Policies", "Engine", "Reporters"],
      exclude: ["Golden", "Resources", "Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
