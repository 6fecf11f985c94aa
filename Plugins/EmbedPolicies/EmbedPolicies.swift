import Foundation
import PackagePlugin

/// Builds the shipped policies (`policies/*.yaml`) into the executable, so that
/// `jiayuan check` needs no files beside it. The YAML stays the single source.
@main
struct EmbedPolicies: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appending(path: "policies")
    let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
    let policies = files.filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "ShippedPolicySources.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(policies.count) shipped policies",
        executable: try context.tool(named: "EmbedPoliciesTool").url,
        arguments: [output.path] + policies.map(\.path),
        inputFiles: policies,
        outputFiles: [output])
    ]
  }
}
