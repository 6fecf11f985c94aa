import Foundation
import PackagePlugin

/// Builds files into the executable, so that `jiayuan` needs nothing beside it: the
/// shipped policies (`policies/*.yaml`) into Engine, the HTML report's style sheet and
/// script (`Sources/Reporters/Resources/`) into Reporters. The files stay the single
/// source; SwiftPM resources would need a bundle next to the binary at run time.
@main
struct EmbedFiles: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let (folder, enumName, prefix, extensions): (URL, String, String, Set<String>) =
      target.name == "Reporters"
      ? (root.appending(path: "Sources/Reporters/Resources"), "EmbeddedResources", "", ["css", "js"])
      : (root.appending(path: "policies"), "ShippedPolicySources", "policies/", ["yaml"])
    let listed = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
    let files = listed.filter { extensions.contains($0.pathExtension) }.sorted { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
    return [
      .buildCommand(
        displayName: "Embedding \(files.count) files into \(target.name)",
        executable: try context.tool(named: "EmbedFilesTool").url,
        arguments: [output.path, enumName, prefix] + files.map(\.path),
        inputFiles: files,
        outputFiles: [output])
    ]
  }
}
