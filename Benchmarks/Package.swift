// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks for jiayuan, kept out of the main package so its build and CI stay fast.
/// `run.sh` builds the main package's release binary and measures it against
/// `yaml-floor`, the bare libyaml event loop over the same bytes.
let package = Package(
  name: "jiayuan-benchmarks",
  targets: [
    // Seeded generator of valid, varied records across the five shipped jurisdictions.
    .executableTarget(name: "jiayuan-gen"),
    // The floor: libyaml's event loop, in C, over files and folders.
    .executableTarget(name: "yaml-floor", linkerSettings: [.linkedLibrary("yaml")]),
  ],
  swiftLanguageModes: [.v6]
)
